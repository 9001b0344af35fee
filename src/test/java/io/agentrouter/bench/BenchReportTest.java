package io.agentrouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the benchmark prints about a run too short for a rate, and about its warm-up. */
class BenchReportTest {

    private static SystemResult result(String system, double perSecond, double rateSeconds) {
        return new SystemResult(system, 600, perSecond, 5, 9, 12, 20, 400, 100, 3, Map.of(), Map.of(), 4, 2, 1000,
                10, rateSeconds, null);
    }

    @Test
    void aRunTooShortForARateGivesNoRateAndNoRatio() {
        SystemResult shortRouter = result("router", 52_345, 0.3);
        SystemResult pipe = result("pipe", 20_000, 4.0);
        assertThat(Bench.rateCell(shortRouter)).isEqualTo("too short");
        assertThat(Bench.rateCell(pipe)).isEqualTo("20000");
        assertThat(Bench.ratioLine("router_vs_pipe", 2.6, List.of(shortRouter, pipe)))
                .isEqualTo("router_vs_pipe: none (a run too short for a rate)").doesNotContain("2.6");
        SystemResult router = result("router", 10_000, 3.0);
        assertThat(Bench.ratioLine("router_vs_pipe", 0.5, List.of(router, pipe))).isEqualTo("router_vs_pipe: 0.50");
        assertThat(Bench.ratioLine("router_vs_pipe", 0.5, List.of(router, result("pipe", 1, 0.2))))
                .contains("none");
    }

    @Test
    void theWarmUpLineSaysThatWarmupIsTheSizeOfARound() {
        Duration max = Duration.ofSeconds(150);
        assertThat(Bench.warmupLine("router", 53, 1000, 61_200, 0.12, max)).isEqualTo("router: warmed up with 53,000"
                + " tasks in 61.2 s: 53 rounds of 1,000 tasks, repeated until the JIT compilers were quiet (at 12 % of"
                + " a core in the last round)");
        assertThat(Bench.warmupLine("pipe", 1, 1000, 900, 0.05, max)).contains("with 1,000 tasks", "1 round of 1,000");
        // stopped by the time limit: it does not claim the compilers were quiet
        assertThat(Bench.warmupLine("router", 31, 200, 150_100, 1.2, max)).isEqualTo("router: warmed up with 6,200"
                + " tasks in 150.1 s: 31 rounds of 200 tasks, repeated until --warmup-max PT2M30S, the JIT compilers"
                + " still at 120 % of a core in the last round");
        assertThat(Bench.warmupLine("router", 1, 0, 0, 0, max)).isEqualTo("router: no warm-up (--warmup 0)");
    }
}
