package io.agentrouter.contract;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import io.agentrouter.routing.AuditEntry;
import io.agentrouter.serde.AuditEntrySerde;
import io.agentrouter.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic producers, agents and analysts use, with its serdes, named from the configuration.
 * Producers, agents, tools and tests take names and serdes from here and nowhere else (the
 * router's own internal topics are in the topology's {@code InternalTopics}).
 */
public record Topics(
        Topic<String, WorkTask> tasks,
        Topic<String, Heartbeat> heartbeats,
        Topic<String, TaskOutcome> outcomes,
        Topic<String, Assignment> assignments,
        Topic<String, RoutingDecision> decisions,
        Topic<String, AgentRecord> registry,
        Topic<String, AgentPerformance> performance,
        Topic<byte[], byte[]> deadLetters) {

    /** How the router writes the decisions topic: straight from its routing results, in RoutingDecision's format. */
    private static final AuditEntrySerde AUDIT_ENTRIES = new AuditEntrySerde();

    public static Topics from(RouterConfig config) {
        String p = config.get(Setting.TOPIC_PREFIX);
        return new Topics(
                new Topic<>(p + config.get(Setting.TOPIC_TASKS), Serdes.String(), AvroSerde.of(WorkTask.class),
                        Setting.TOPIC_TASKS.description()),
                new Topic<>(p + config.get(Setting.TOPIC_HEARTBEATS), Serdes.String(), AvroSerde.of(Heartbeat.class),
                        Setting.TOPIC_HEARTBEATS.description()),
                new Topic<>(p + config.get(Setting.TOPIC_OUTCOMES), Serdes.String(), AvroSerde.of(TaskOutcome.class),
                        Setting.TOPIC_OUTCOMES.description()),
                new Topic<>(p + config.get(Setting.TOPIC_ASSIGNMENTS), Serdes.String(), AvroSerde.of(Assignment.class),
                        Setting.TOPIC_ASSIGNMENTS.description()),
                new Topic<>(p + config.get(Setting.TOPIC_DECISIONS), Serdes.String(),
                        AvroSerde.of(RoutingDecision.class), Setting.TOPIC_DECISIONS.description()),
                new Topic<>(p + config.get(Setting.TOPIC_REGISTRY), Serdes.String(), AvroSerde.of(AgentRecord.class),
                        Setting.TOPIC_REGISTRY.description()),
                new Topic<>(p + config.get(Setting.TOPIC_PERFORMANCE), Serdes.String(),
                        AvroSerde.of(AgentPerformance.class), Setting.TOPIC_PERFORMANCE.description()),
                new Topic<>(p + config.get(Setting.TOPIC_DLQ), Serdes.ByteArray(), Serdes.ByteArray(),
                        Setting.TOPIC_DLQ.description()));
    }

    /** How the router writes the decisions topic: straight from the routing result (readers: {@link #decisions()}). */
    public Serde<AuditEntry> decisionWriter() {
        return AUDIT_ENTRIES;
    }

    /** How the router writes the performance topic: rows it encoded once for its store and this topic. */
    public Serde<byte[]> performanceWriter() {
        return Serdes.ByteArray();
    }

    /** The topics outside the application: those a deployment creates. */
    public List<Topic<?, ?>> all() {
        return List.of(tasks, heartbeats, outcomes, assignments, decisions, registry, performance, deadLetters);
    }

    /** Key of the agent-performance topic and store for one agent at one work type. */
    public static String performanceKey(String agentId, String workType) {
        return agentId + "/" + workType;
    }
}
