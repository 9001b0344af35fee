package io.agentrouter.config;

/** A configuration value that cannot be used; its message is one line naming the key and what is accepted. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
