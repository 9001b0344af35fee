package io.agentrouter.bench;

import io.agentrouter.scoring.CandidateInput;
import io.agentrouter.scoring.Policy;
import io.agentrouter.scoring.ScoredCandidate;
import io.agentrouter.scoring.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
 * The scoring function alone: one call scores and ranks every capable agent of a task. Candidates
 * scored per second = operations per second x capable. Run (see docs/PERFORMANCE.md):
 * {@code java -cp <test classpath> org.openjdk.jmh.Main ScorerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScorerBenchmark {

    @Param({"10", "100", "1000"})
    int capable;

    private final Policy policy = Policy.defaults();
    private final Instant now = Instant.parse("2026-01-19T17:30:00Z");
    private List<CandidateInput> candidates;

    @Setup
    public void candidates() {
        Random random = new Random(1);
        candidates = new ArrayList<>();
        for (int i = 0; i < capable; i++) {
            long ok = random.nextInt(40);
            candidates.add(new CandidateInput("agent-" + i, ok, random.nextInt(10),
                    random.nextBoolean() ? now.minusSeconds(random.nextInt(20_000)) : null, random.nextInt(3) == 0,
                    random.nextInt(15)));
        }
        candidates.sort(Comparator.comparing(CandidateInput::agentId)); // as the router lists them
    }

    @Benchmark
    public List<ScoredCandidate> rank() {
        return Scorer.rank(policy, now, candidates);
    }
}
