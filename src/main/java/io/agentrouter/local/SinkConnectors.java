package io.agentrouter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDBC sink connector configs of {@code connect/*.json} (shipped in the jar too), with their
 * {@code ${...}} placeholders filled in: the same files serve local mode, tests and docker-compose.
 */
public final class SinkConnectors {

    public static final List<String> FILES =
            List.of("routing-decisions-sink.json", "agent-registry-sink.json", "agent-performance-sink.json");
    public static final String DECISIONS = "routing-decisions-sink";

    private SinkConnectors() {
    }

    /** Connector name to its config, for every sink. */
    public static Map<String, Map<String, String>> all(RouterConfig config, Database database) {
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        for (String file : FILES) {
            JsonNode json = read(file);
            String name = json.get("name").asText();
            Map<String, String> filled = fill(json.get("config"), placeholders(config, database));
            filled.put("name", name); // the REST API takes it from the envelope; the herder wants it in the config
            connectors.put(name, filled);
        }
        return connectors;
    }

    /** The dead-letter topics the sinks write failing records to (created up front in local mode). */
    public static List<String> deadLetterTopics(Map<String, Map<String, String>> connectors) {
        return connectors.values().stream().map(c -> c.get("errors.deadletterqueue.topic.name")).toList();
    }

    static Map<String, String> placeholders(RouterConfig config, Database database) {
        Topics topics = Topics.from(config);
        return Map.of("topic.decisions", topics.decisions().name(), "topic.registry", topics.registry().name(),
                "topic.performance", topics.performance().name(), "jdbc.url", database.jdbcUrl(),
                "jdbc.user", database.user(), "jdbc.password", database.password(),
                "replication.factor", config.get(Setting.REPLICATION_FACTOR).toString());
    }

    private static Map<String, String> fill(JsonNode config, Map<String, String> values) {
        Map<String, String> filled = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> {
            String value = e.getValue().asText();
            for (Map.Entry<String, String> v : values.entrySet()) {
                value = value.replace("${" + v.getKey() + "}", v.getValue());
            }
            filled.put(e.getKey(), value);
        });
        return filled;
    }

    private static JsonNode read(String file) {
        try (InputStream in = SinkConnectors.class.getResourceAsStream("/connect/" + file)) {
            if (in == null) {
                throw new IllegalStateException("connect/" + file + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
