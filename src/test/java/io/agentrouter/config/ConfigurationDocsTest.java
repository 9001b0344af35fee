package io.agentrouter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration table in docs/OPERATIONS.md lists every setting with its real default. */
class ConfigurationDocsTest {

    @Test
    void configurationTableListsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("docs/OPERATIONS.md"));
        for (Setting<?> s : Setting.all()) {
            String defaultCell = s.defaultText().isEmpty() ? "(empty)" : "`" + s.defaultText() + "`";
            assertThat(readme).as("docs/OPERATIONS.md row for " + s.key())
                    .contains("| `" + s.key() + "` | `" + s.environmentVariable() + "` | " + defaultCell + " |");
        }
    }
}
