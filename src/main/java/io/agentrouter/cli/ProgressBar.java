package io.agentrouter.cli;

import java.io.PrintStream;

/**
 * replay's progress on stderr: the share of the range's offsets read, and the records read. The
 * offsets of a transactional topic include commit markers and aborted records, so the number of
 * records in the range is only known at the end, where the bar shows it as N/N.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean sharesTerminalWithRows;
    private boolean shown;
    private String last = "";

    /**
     * @param sharesTerminalWithRows stdout is the same terminal: the bar is erased before rows are printed,
     *     so rows never start in the middle of a bar
     */
    ProgressBar(PrintStream err, boolean sharesTerminalWithRows) {
        this.err = err;
        this.sharesTerminalWithRows = sharesTerminalWithRows;
    }

    void update(long records, long offsetsRead, long offsetsTotal) {
        int filled = offsetsTotal == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * offsetsRead / offsetsTotal);
        draw(String.format("[%s%s] %d records, %d%%", "#".repeat(filled), ".".repeat(WIDTH - filled), records,
                offsetsTotal == 0 ? 100 : 100 * offsetsRead / offsetsTotal));
    }

    /** Called before a row goes to stdout. */
    void beforeRow() {
        if (sharesTerminalWithRows && shown) {
            erase();
        }
    }

    /** The final state, left on its own line: every record of the range was read. */
    void finish(long records) {
        draw(String.format("[%s] %d/%d records", "#".repeat(WIDTH), records, records));
        err.println();
        err.flush();
        shown = false;
    }

    private void draw(String text) {
        String padding = " ".repeat(Math.max(0, last.length() - text.length()));
        err.print("\r" + text + padding);
        err.flush();
        last = text;
        shown = true;
    }

    private void erase() {
        err.print("\r" + " ".repeat(last.length()) + "\r");
        err.flush();
        shown = false;
        last = "";
    }
}
