package io.agentrouter.cli;

import java.util.List;

/** SIGTERM and SIGINT as a request to stop, handled by the command instead of by the JVM's shutdown. */
final class StopSignals {

    private StopSignals() {
    }

    /** Runs {@code stop} on SIGTERM or SIGINT; false when the JVM would not let us handle them. */
    static boolean onStop(Runnable stop) {
        try {
            for (String name : List.of("TERM", "INT")) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.run());
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError refused) {
            return false;
        }
    }
}
