package io.agentrouter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which standard streams are terminals. System.console() cannot tell: in Java 17 it is null as soon
 * as stdin or stdout is redirected, even when stderr, where progress goes, is still a terminal.
 */
final class Terminals {

    private Terminals() {
    }

    /** The terminal device behind file descriptor 0, 1 or 2, or null when it is not one (or unknown). */
    static String device(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return isTerminalDevice(target) ? target : null;
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            // without /proc, only the all-or-nothing answer is left
            return System.console() != null ? "console" : null;
        }
    }

    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }
}
