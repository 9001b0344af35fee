package io.agentrouter.config;

/**
 * Something the router needs at start-up cannot be reached or used (a broker, a port, a database).
 * Its message is one line naming what was tried and what to do; the command exits 1.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }
}
