package io.agentrouter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every setting with its real default. */
class ReadmeTest {

    @Test
    void configurationTableListsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting<?> s : Setting.all()) {
            String defaultCell = s.defaultText().isEmpty() ? "(empty)" : "`" + s.defaultText() + "`";
            assertThat(readme).as("README row for " + s.key())
                    .contains("| `" + s.key() + "` | `" + s.environmentVariable() + "` | " + defaultCell + " |");
        }
    }
}
