package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** replay's bar on a terminal it shares with the rows: erased before a row, so the two never share a line. */
class ProgressBarTest {

    @Test
    void erasedBeforeRowsOnASharedTerminalAndEndingAtTheRecordsRead() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), true);
        bar.update(3, 5, 20);
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("3 records, 25%");
        bar.beforeRow();
        String erased = err.toString(StandardCharsets.UTF_8).substring(drawn.length());
        // back to the line's start, blanks over the whole bar, back again: a row printed now starts a clean line
        assertThat(erased).matches("\\r {" + (drawn.length() - 1) + ",}\\r");
        bar.beforeRow(); // nothing left to erase
        assertThat(err.toString(StandardCharsets.UTF_8)).hasSize(drawn.length() + erased.length());
        bar.finish(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("\r[" + "#".repeat(30) + "] 4/4 records"
                + System.lineSeparator());
    }

    @Test
    void leftAloneWhenRowsGoElsewhere() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        bar.update(1, 1, 2);
        int before = err.size();
        bar.beforeRow();
        assertThat(err.size()).isEqualTo(before);
    }

    @Test
    void terminalDevices() {
        assertThat(Terminals.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminals.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminals.isTerminalDevice("/tmp/decisions.csv")).isFalse();
        assertThat(Terminals.isTerminalDevice("pipe:[12345]")).isFalse();
    }
}
