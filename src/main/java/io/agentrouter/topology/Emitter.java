package io.agentrouter.topology;

import io.agentrouter.contract.DeadLetterHeaders;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.internal.AgentHandOff;
import io.agentrouter.model.internal.Origin;
import io.agentrouter.model.internal.PoolEvent;
import io.agentrouter.routing.AuditEntry;
import io.agentrouter.topology.Outputs.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends a processor's outputs downstream, each keyed as its topic expects and forwarded by name to
 * the one child node that takes its kind ({@link Outputs#wire}).
 */
final class Emitter {

    private final ProcessorContext<String, Emit> context;
    private final Map<Kind, String> children = new EnumMap<>(Kind.class);

    /** For the processor whose outputs {@link Outputs#wire} wired under this stage name. */
    Emitter(ProcessorContext<String, Emit> context, String stage) {
        this.context = context;
        for (Kind kind : Kind.values()) {
            children.put(kind, Outputs.child(stage, kind));
        }
    }

    void decision(AuditEntry decision) {
        send(Kind.DECISIONS, decision.decisionId(), new Emit.ToDecisions(decision), decision.createdAtMs());
    }

    void assignment(Assignment assignment) {
        send(Kind.ASSIGNMENTS, assignment.getAgentId(), new Emit.ToAssignments(assignment),
                assignment.getAssignedAt().toEpochMilli());
    }

    void pool(String pool, Object payload, long timestamp) {
        send(Kind.POOL_EVENTS, pool, new Emit.ToPool(new PoolEvent(payload)), timestamp);
    }

    /** An agent's state for the pool it joined, through the agent-handoffs topic. */
    void handOff(String pool, AgentHandOff handOff, long timestamp) {
        send(Kind.HAND_OFFS, pool, new Emit.ToHandOffs(new PoolEvent(handOff)), timestamp);
    }

    /** To the pool router of this task, without a trip through the pool-events topic. */
    void inPlace(String pool, Object payload, long timestamp) {
        send(Kind.IN_PLACE, pool, new Emit.InPlace(new PoolEvent(payload)), timestamp);
    }

    void registry(String agentId, AgentRecord record, long timestamp) {
        send(Kind.REGISTRY, agentId, new Emit.ToRegistry(record), timestamp);
    }

    /** The row, already encoded in the topic's format. */
    void performance(AgentPerformance performance, byte[] encoded, long timestamp) {
        send(Kind.PERFORMANCE, Topics.performanceKey(performance.getAgentId(), performance.getWorkType()),
                new Emit.ToPerformance(encoded), timestamp);
    }

    /** Dead-letters the record being processed, pointing at its source coordinates. */
    void deadLetter(byte[] key, byte[] value, long timestamp, String reason) {
        deadLetter(origin(context.recordMetadata().orElseThrow(), key, value), timestamp, reason);
    }

    /** Dead-letters a record that arrived earlier on an input topic and was carried here with its origin. */
    void deadLetter(Origin origin, long timestamp, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(origin.getTopic()));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(origin.getPartition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(origin.getOffset())));
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        Emit letter = new Emit.DeadLetter(bytes(origin.getKey()), bytes(origin.getValue()));
        context.forward(new Record<String, Emit>(null, letter, timestamp, headers), children.get(Kind.DEAD_LETTERS));
    }

    private void send(Kind kind, String key, Emit value, long timestamp) {
        context.forward(new Record<>(key, value, timestamp), children.get(kind));
    }

    static Origin origin(RecordMetadata source, byte[] key, byte[] value) {
        return new Origin(source.topic(), source.partition(), source.offset(), wrap(key), wrap(value));
    }

    /** A record rebuilt from state, not read from an input: partition and offset -1. */
    static Origin origin(String topic, byte[] key, byte[] value) {
        return new Origin(topic, -1, -1L, wrap(key), wrap(value));
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
