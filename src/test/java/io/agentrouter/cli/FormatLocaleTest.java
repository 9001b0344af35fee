package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FormatLocaleTest {

    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @AfterEach
    void restore() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void plainEnglishFormatsAsUsEnglish() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
        AgentRouterCli.preferUsFormatsForPlainEnglish();
        assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);
        assertThat(String.format("%,d %.1f", 1234567, 2.5)).isEqualTo("1,234,567 2.5");
    }

    @Test
    void otherLocalesAreLeftAlone() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
        AgentRouterCli.preferUsFormatsForPlainEnglish();
        assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.GERMANY);
    }
}
