package io.agentrouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.RoutingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The hand-written audit-record writer against Avro's own, byte for byte. */
class RoutingDecisionWriterTest {

    private final Random random = new Random(42);

    @Test
    void writesTheSameBytesAsAvrosGenericWriterForRandomDecisions() throws Exception {
        BinaryMessageEncoder<RoutingDecision> avro =
                new BinaryMessageEncoder<>(SpecificData.get(), RoutingDecision.getClassSchema());
        AvroSerde<RoutingDecision> serde = AvroSerde.of(RoutingDecision.class);
        for (int i = 0; i < 500; i++) {
            RoutingDecision decision = randomDecision();
            byte[] expected = avro.encode(decision).array();
            assertThat(serde.encode(decision)).as("decision %d: %s", i, decision).isEqualTo(expected);
            // (Avro's equals cannot compare decoded arrays holding Instants, so round-trip through the bytes)
            assertThat(serde.encode(serde.decode(expected))).isEqualTo(expected);
        }
    }

    @Test
    void refusesASchemaWhoseFieldsItDoesNotWrite() {
        Schema changed = SchemaBuilder.record("RoutingDecision").fields().requiredString("decision_id").endRecord();
        assertThatThrownBy(() -> new RoutingDecisionWriter(changed))
                .hasMessageContaining("update it with the schema");
    }

    private RoutingDecision randomDecision() {
        boolean assigned = random.nextBoolean();
        List<CandidateScore> candidates = new ArrayList<>();
        int n = assigned ? random.nextInt(60) : 0;
        for (int c = 0; c < n; c++) {
            candidates.add(new CandidateScore("agent-" + random.nextInt(1000) + (c % 7 == 0 ? "-\u00fc\u4e2d" : ""),
                    AgentStatus.values()[random.nextInt(2)], random.nextLong() >>> random.nextInt(64),
                    (long) random.nextInt(1000), random.nextBoolean() ? null : Instant.ofEpochMilli(random.nextLong() >> 20),
                    random.nextInt(200) - (c == 0 ? 100 : 0), random.nextDouble() * 40, random.nextBoolean() ? 30.0 : 0.0,
                    random.nextBoolean() ? 20.0 : 0.0, random.nextDouble() * 10, random.nextDouble() * 100));
        }
        List<String> excluded = new ArrayList<>();
        for (int e = random.nextInt(3); e > 0; e--) {
            excluded.add("failed-" + e);
        }
        return RoutingDecision.newBuilder()
                .setDecisionId("d-" + random.nextLong()).setTaskId("t-" + random.nextInt()).setWorkType("w")
                .setAgentPool(random.nextInt(4) == 0 ? null : "pool")
                .setOutcome(assigned ? DecisionOutcome.ASSIGNED : DecisionOutcome.REJECTED)
                .setSelectedAgentId(assigned ? "agent-1" : null)
                .setScore(assigned ? random.nextDouble() * 100 : null)
                .setSuccessRatePercent(assigned && random.nextBoolean() ? random.nextInt(101) : null)
                .setSpecializationMatch(random.nextInt(2)).setRecentContextMatch(random.nextInt(2))
                .setRetried(random.nextInt(2)).setAttempt(random.nextInt(Integer.MAX_VALUE))
                .setReason(random.nextBoolean() ? "Selected based on 80% success rate" : "")
                .setCreatedAt(Instant.ofEpochMilli(random.nextLong() >> 22))
                .setPreferredSpecialization(random.nextBoolean() ? null : "expert")
                .setExcludedAgents(excluded)
                .setPolicy(new RoutingPolicy(40.0, 30.0, 20.0, 10.0, random.nextInt(10), 3_600_000L, 3_600_000L,
                        random.nextInt(20), 30_000L))
                .setCandidates(candidates)
                .build();
    }
}
