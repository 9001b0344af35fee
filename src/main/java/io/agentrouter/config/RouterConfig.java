package io.agentrouter.config;

import io.agentrouter.scoring.Policy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The router's resolved configuration. Sources, later ones winning: defaults in code
 * ({@link Setting}), a properties file, {@code ROUTER_*} environment variables, then command-line
 * {@code --set key=value} flags. Every value is validated once, when the configuration is built, so
 * a bad one stops start-up with one line naming the key and what is accepted.
 *
 * <p>Keys under {@code kafka.} that are not declared settings pass through to Kafka Streams unchanged
 * (from the file or flags), e.g. {@code kafka.security.protocol}.
 */
public final class RouterConfig {

    static final String KAFKA_PREFIX = "kafka.";

    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> kafkaPassthrough = new TreeMap<>();

    private RouterConfig(Map<String, String> text, Map<String, String> sourceOf) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        Setting.all().forEach(s -> known.put(s.key(), s));
        for (Setting<?> setting : Setting.all()) {
            String raw = text.getOrDefault(setting.key(), setting.defaultText());
            String source = sourceOf.getOrDefault(setting.key(), "default");
            values.put(setting.key(), setting.type().parse(setting.key(), raw, source));
        }
        for (Map.Entry<String, String> entry : text.entrySet()) {
            String key = entry.getKey();
            if (known.containsKey(key)) {
                continue;
            }
            if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
                kafkaPassthrough.put(key.substring(KAFKA_PREFIX.length()), entry.getValue());
            } else {
                throw new ConfigException("unknown setting '" + key + "' (from " + sourceOf.get(key)
                        + "); accepted: the keys of the configuration table in docs/OPERATIONS.md, or kafka.<any Kafka Streams setting>");
            }
        }
    }

    public static RouterConfig defaults() {
        return new RouterConfig(Map.of(), Map.of());
    }

    /** Defaults overridden by the given key=value pairs (tests, tools). */
    public static RouterConfig of(Map<String, String> overrides) {
        Map<String, String> sources = new HashMap<>();
        overrides.keySet().forEach(k -> sources.put(k, "overrides"));
        return new RouterConfig(overrides, sources);
    }

    /**
     * Resolves all four sources.
     *
     * @param file properties file, or null
     * @param environment the process environment (only ROUTER_* variables are read)
     * @param flags --set key=value pairs from the command line
     */
    public static RouterConfig load(Path file, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> text = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new ConfigException("config file '" + file + "' not found: check the path given to --config"
                        + " (relative paths start from " + Path.of("").toAbsolutePath() + ")");
            } catch (AccessDeniedException e) {
                throw new ConfigException("config file '" + file + "' cannot be read: permission denied");
            } catch (IOException e) {
                // the JDK's messages for these often repeat the path and nothing else
                throw new ConfigException("config file '" + file + "' cannot be read: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()));
            }
            for (String key : properties.stringPropertyNames()) {
                text.put(key, properties.getProperty(key).strip());
                sources.put(key, file.toString());
            }
        }
        Map<String, String> keyOfVariable = new HashMap<>();
        Setting.all().forEach(s -> keyOfVariable.put(s.environmentVariable(), s.key()));
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            if (!variable.getKey().startsWith("ROUTER_")) {
                continue;
            }
            String key = keyOfVariable.get(variable.getKey());
            if (key == null) {
                throw new ConfigException("unknown environment variable " + variable.getKey()
                        + "; accepted: ROUTER_ followed by a setting key in upper case with dots as underscores,"
                        + " e.g. ROUTER_ROUTING_MAX_RETRIES");
            }
            text.put(key, variable.getValue());
            sources.put(key, "environment variable " + variable.getKey());
        }
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            text.put(flag.getKey(), flag.getValue());
            sources.put(flag.getKey(), "--set");
        }
        return new RouterConfig(text, sources);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting.key());
    }

    /** Kafka settings given as kafka.* keys that are not declared settings, without the prefix. */
    public Map<String, String> kafkaPassthrough() {
        return Map.copyOf(kafkaPassthrough);
    }

    public Policy policy() {
        return new Policy(get(Setting.W_SUCCESS), get(Setting.W_CONTEXT), get(Setting.W_SPEC), get(Setting.W_LOAD),
                get(Setting.MIN_SAMPLES), get(Setting.CONTEXT_WINDOW), get(Setting.LOAD_WINDOW),
                get(Setting.LOAD_CAP), get(Setting.HEARTBEAT_TTL));
    }
}
