package io.agentrouter.bench;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.RoutingPolicy;
import io.agentrouter.routing.AuditEntry;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.routing.RoutingRequest;
import io.agentrouter.scoring.CandidateInput;
import io.agentrouter.scoring.Policy;
import io.agentrouter.scoring.ScoredCandidate;
import io.agentrouter.scoring.Scorer;
import io.agentrouter.serde.AuditEntrySerde;
import io.agentrouter.serde.AvroSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit record of one decision, encoded the router's way (straight from the routing result)
 * and the way it was before (build the Avro record, then Avro's writer). Run (see
 * docs/PERFORMANCE.md): {@code java -cp <test classpath> org.openjdk.jmh.Main AuditEncodingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditEncodingBenchmark {

    @Param({"50"})
    int candidates;

    private final AuditEntrySerde direct = new AuditEntrySerde();
    private final AvroSerde<RoutingDecision> avro = AvroSerde.of(RoutingDecision.class);
    private Decision decision;
    private RoutingPolicy policy;

    @Setup
    public void decision() {
        Policy scoring = Policy.defaults();
        Instant now = Instant.parse("2026-01-19T17:30:00Z");
        Random random = new Random(1);
        List<CandidateInput> inputs = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            String agent = "pool0-agent" + i;
            inputs.add(new CandidateInput(agent, random.nextInt(400), random.nextInt(100),
                    now.minusSeconds(random.nextInt(20_000)), random.nextInt(3) == 0, random.nextInt(15)));
        }
        List<ScoredCandidate> ranked = Scorer.rank(scoring, now, inputs);
        RoutingRequest request = new RoutingRequest("run-123456", "w1", "pool0", "expert", 0, Set.of(), now);
        decision = new Decision(request, true, ranked, AgentStatus.ONLINE, List.of(), "Selected based on 87% success rate");
        policy = DecisionRecords.policyRecord(scoring);
    }

    @Benchmark
    public byte[] direct() {
        return direct.encode(DecisionRecords.entry(decision, policy, "bench", 0L));
    }

    @Benchmark
    public byte[] buildRecordThenAvro() {
        return avro.encode(DecisionRecords.toRecord(DecisionRecords.entry(decision, policy, "bench", 0L)));
    }
}
