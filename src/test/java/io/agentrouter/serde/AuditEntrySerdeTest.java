package io.agentrouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.RoutingPolicy;
import io.agentrouter.routing.AuditEntry;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.routing.RoutingRequest;
import io.agentrouter.scoring.CandidateInput;
import io.agentrouter.scoring.ScoredCandidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The router's direct audit-record encoding against Avro's own writer on the same decision, byte for byte. */
class AuditEntrySerdeTest {

    private final Random random = new Random(42);

    @Test
    void writesTheBytesOfAvrosWriterForRandomDecisions() throws Exception {
        BinaryMessageEncoder<RoutingDecision> avro =
                new BinaryMessageEncoder<>(SpecificData.get(), RoutingDecision.getClassSchema());
        AvroSerde<RoutingDecision> serde = AvroSerde.of(RoutingDecision.class);
        AuditEntrySerde direct = new AuditEntrySerde();
        for (int i = 0; i < 500; i++) {
            AuditEntry entry = randomEntry();
            RoutingDecision record = DecisionRecords.toRecord(entry);
            byte[] expected = avro.encode(record).array();
            assertThat(direct.serializer().serialize("audit", entry)).as("decision %d: %s", i, record)
                    .isEqualTo(expected);
            // (Avro's equals cannot compare decoded arrays holding Instants, so round-trip through the bytes)
            assertThat(serde.encode(serde.decode(expected))).isEqualTo(expected);
        }
    }

    @Test
    void refusesASchemaWhoseFieldsItDoesNotWrite() {
        Schema changed = SchemaBuilder.record("RoutingDecision").fields().requiredString("decision_id").endRecord();
        assertThatThrownBy(() -> new AuditEntrySerde(changed)).hasMessageContaining("update it with the schema");
    }

    @Test
    void isWriteOnly() {
        assertThatThrownBy(() -> new AuditEntrySerde().deserializer().deserialize("audit", new byte[1]))
                .hasMessageContaining("read as " + RoutingDecision.class.getName());
    }

    private AuditEntry randomEntry() {
        boolean assigned = random.nextBoolean();
        List<ScoredCandidate> candidates = new ArrayList<>();
        AgentStatus status = assigned ? AgentStatus.values()[random.nextInt(2)] : null;
        int n = assigned ? 1 + random.nextInt(60) : 0;
        for (int c = 0; c < n; c++) {
            String agent = "agent-" + c + (c % 7 == 0 ? "-\u00fc\u4e2d" : "");
            CandidateInput input = new CandidateInput(agent, random.nextLong() >>> random.nextInt(64),
                    random.nextInt(1000), random.nextBoolean() ? null : Instant.ofEpochMilli(random.nextLong() >> 20),
                    random.nextBoolean(), random.nextInt(200) - (c == 0 ? 100 : 0));
            candidates.add(new ScoredCandidate(input, random.nextDouble() * 40, random.nextBoolean() ? 30.0 : 0.0,
                    random.nextBoolean() ? 20.0 : 0.0, random.nextDouble() * 10, random.nextDouble() * 100,
                    random.nextBoolean() ? null : random.nextInt(101)));
        }
        List<String> excluded = new ArrayList<>();
        for (int e = random.nextInt(3); e > 0; e--) {
            excluded.add("failed-" + e);
        }
        RoutingRequest request = new RoutingRequest("t-" + random.nextInt(), "w", random.nextInt(4) == 0 ? null : "pool",
                random.nextBoolean() ? null : "expert", random.nextInt(Integer.MAX_VALUE), Set.copyOf(excluded),
                Instant.ofEpochMilli(random.nextLong() >> 22));
        String reason = random.nextBoolean() ? "Selected based on 80% success rate" : random.nextBoolean() ? "" : "r\u00e9ason";
        Decision decision = new Decision(request, assigned, candidates, status, excluded, reason);
        RoutingPolicy policy = new RoutingPolicy(40.0, 30.0, 20.0, 10.0, random.nextInt(10), 3_600_000L, 3_600_000L,
                random.nextInt(20), 30_000L);
        return DecisionRecords.entry(decision, policy, "app-" + random.nextInt(3), random.nextLong());
    }
}
