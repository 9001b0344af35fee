package io.agentrouter.topology;

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
 * The load counts of one task, as the router asks for them: 50 candidates of 200 agents, each with its
 * own list of decision times (two load windows of them), task time moving forward, and each task
 * adding a decision to one agent (whose old times leave its list). One operation = one task's 50
 * counts and one decision. It lives beside {@code LoadIndex}, not in the bench package, because the
 * list it measures is package-private. Run (see docs/PERFORMANCE.md):
 * {@code java -cp <test classpath> org.openjdk.jmh.Main LoadCountBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoadCountBenchmark {

    private static final long WINDOW_MS = 3_600_000;
    private static final int AGENTS = 200;
    private static final int CANDIDATES = 50;

    /** Decision times kept per agent: two windows of them. */
    @Param({"1000", "20000"})
    int timesPerAgent;

    private final LoadIndex.Times[] agents = new LoadIndex.Times[AGENTS];
    private long now;
    private long step;
    private int nextCandidate;
    private int nextSelected;

    @Setup
    public void fill() {
        step = Math.max(1, 2 * WINDOW_MS / ((long) timesPerAgent * AGENTS)); // each agent chosen every AGENTS tasks
        for (int a = 0; a < AGENTS; a++) {
            agents[a] = new LoadIndex.Times();
        }
        for (int task = 0; task < timesPerAgent * AGENTS; task++) {
            decide();
        }
    }

    @Benchmark
    public int oneTask() {
        int total = 0;
        for (int c = 0; c < CANDIDATES; c++) {
            total += agents[nextCandidate].count(now - WINDOW_MS, now);
            nextCandidate = nextCandidate + 1 == AGENTS ? 0 : nextCandidate + 1;
        }
        decide();
        return total;
    }

    /** The next task's time, and a decision to the next agent, as {@code LoadIndex.add} records one. */
    private void decide() {
        now += step;
        LoadIndex.Times selected = agents[nextSelected];
        selected.insert(now);
        selected.dropBefore(selected.newest() - 2 * WINDOW_MS);
        nextSelected = nextSelected + 1 == AGENTS ? 0 : nextSelected + 1;
    }
}
