package io.agentrouter.serde;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.RoutingPolicy;
import io.agentrouter.routing.AuditEntry;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.RoutingRequest;
import io.agentrouter.scoring.CandidateInput;
import io.agentrouter.scoring.ScoredCandidate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the audit record straight from the routing result: exactly the bytes of
 * {@code AvroSerde<RoutingDecision>} for {@code DecisionRecords.toRecord(entry)} (a test compares them
 * on random decisions), without building the record. At 50 capable agents a decision carries 50
 * candidates of 11 fields; building them and walking them with Avro's encoder was a third of the
 * router's stream thread. Write-only: the topic is read as {@link RoutingDecision}. The constructor
 * checks that the schema still has the fields, in the order, written here.
 */
public final class AuditEntrySerde implements Serde<AuditEntry> {

    private static final List<String> DECISION_FIELDS = List.of("decision_id", "task_id", "work_type", "agent_pool",
            "outcome", "selected_agent_id", "score", "success_rate_percent", "specialization_match",
            "recent_context_match", "retried", "attempt", "reason", "created_at", "preferred_specialization",
            "excluded_agents", "policy", "candidates");
    private static final List<String> POLICY_FIELDS = List.of("w_success", "w_context", "w_spec", "w_load",
            "min_samples", "context_window_ms", "load_window_ms", "load_cap", "heartbeat_ttl_ms");
    private static final List<String> CANDIDATE_FIELDS = List.of("agent_id", "status", "success_count",
            "failure_count", "last_execution_at", "load", "success_points", "context_points", "specialization_points",
            "load_points", "score");

    private final byte[] header;
    private final ThreadLocal<AvroBytes> buffers = ThreadLocal.withInitial(AvroBytes::new);

    public AuditEntrySerde() {
        this(RoutingDecision.getClassSchema());
    }

    AuditEntrySerde(Schema schema) {
        requireFields(schema, DECISION_FIELDS);
        requireFields(schema.getField("policy").schema(), POLICY_FIELDS);
        requireFields(schema.getField("candidates").schema().getElementType(), CANDIDATE_FIELDS);
        this.header = AvroSerde.singleObjectHeader(schema);
    }

    private static void requireFields(Schema record, List<String> expected) {
        List<String> actual = record.getFields().stream().map(Schema.Field::name).toList();
        if (!actual.equals(expected)) {
            throw new IllegalStateException(record.getName() + " has fields " + actual + " but "
                    + AuditEntrySerde.class.getSimpleName() + " writes " + expected + ": update it with the schema");
        }
    }

    public byte[] encode(AuditEntry entry) {
        AvroBytes out = buffers.get();
        out.reset();
        out.writeRaw(header);
        Decision d = entry.decision();
        RoutingRequest request = d.request();
        ScoredCandidate winner = d.assigned() ? d.selected() : null;
        out.writeString(entry.decisionId());
        out.writeString(request.taskId());
        out.writeString(request.workType());
        out.writeNullableString(request.pool());
        out.writeInt((d.assigned() ? DecisionOutcome.ASSIGNED : DecisionOutcome.REJECTED).ordinal());
        out.writeNullableString(winner == null ? null : winner.agentId());
        if (out.writeNullIndex(winner)) {
            out.writeDouble(winner.score());
        }
        Integer successRate = winner == null ? null : winner.successRatePercent();
        if (out.writeNullIndex(successRate)) {
            out.writeInt(successRate);
        }
        out.writeInt(winner != null && winner.specializationMatched() ? 1 : 0);
        out.writeInt(winner != null && winner.contextMatched() ? 1 : 0);
        out.writeInt(request.retried() ? 1 : 0);
        out.writeInt(request.attempt());
        out.writeString(d.reason());
        out.writeLong(entry.createdAtMs());
        out.writeNullableString(request.specialization());
        writeArrayCount(out, d.excludedAgents().size());
        for (String agent : d.excludedAgents()) {
            out.writeString(agent);
        }
        out.writeLong(0); // end of the array
        writePolicy(out, entry.policy());
        List<ScoredCandidate> candidates = d.candidates();
        writeArrayCount(out, candidates.size());
        for (ScoredCandidate c : candidates) {
            writeCandidate(out, c, d.candidateStatus());
        }
        out.writeLong(0); // end of the array
        return out.toByteArray();
    }

    /** An array is written as one block: its count, the items, then a zero count (nothing but the zero when empty). */
    private static void writeArrayCount(AvroBytes out, int count) {
        if (count > 0) {
            out.writeLong(count);
        }
    }

    private static void writePolicy(AvroBytes out, RoutingPolicy p) {
        out.writeDouble(p.getWSuccess());
        out.writeDouble(p.getWContext());
        out.writeDouble(p.getWSpec());
        out.writeDouble(p.getWLoad());
        out.writeInt(p.getMinSamples());
        out.writeLong(p.getContextWindowMs());
        out.writeLong(p.getLoadWindowMs());
        out.writeInt(p.getLoadCap());
        out.writeLong(p.getHeartbeatTtlMs());
    }

    private static void writeCandidate(AvroBytes out, ScoredCandidate c, AgentStatus status) {
        CandidateInput input = c.input();
        out.writeString(c.agentId());
        out.writeInt(status.ordinal());
        out.writeLong(input.successCount());
        out.writeLong(input.failureCount());
        if (out.writeNullIndex(input.lastExecutionAt())) {
            out.writeLong(input.lastExecutionAt().toEpochMilli());
        }
        out.writeInt(input.load());
        out.writeDouble(c.successPoints());
        out.writeDouble(c.contextPoints());
        out.writeDouble(c.specializationPoints());
        out.writeDouble(c.loadPoints());
        out.writeDouble(c.score());
    }

    @Override
    public Serializer<AuditEntry> serializer() {
        return (topic, entry) -> entry == null ? null : encode(entry);
    }

    @Override
    public Deserializer<AuditEntry> deserializer() {
        return (topic, bytes) -> {
            throw new UnsupportedOperationException("the audit topic is read as " + RoutingDecision.class.getName());
        };
    }
}
