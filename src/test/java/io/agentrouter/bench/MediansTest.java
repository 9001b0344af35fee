package io.agentrouter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void eachFigureIsTheMiddleOfTheRoundsOrTheMeanOfTheTwoMiddleOnes() {
        List<List<SystemResult>> three = List.of(List.of(result("router", 900, 40, 2.0)),
                List.of(result("router", 1500, 70, 4.0)), List.of(result("router", 1200, 55, 3.0)));
        SystemResult median = Medians.of(three).get(0);
        assertThat(median.system()).isEqualTo("router");
        assertThat(median.decisionsPerSecond()).isEqualTo(1200);
        assertThat(median.p99Ms()).isEqualTo(55);
        assertThat(median.cpuSecondsByThread().get(ThreadCpu.Kind.JIT)).isEqualTo(3.0);
        assertThat(median.commits().commits()).isEqualTo(1200 / 10.0);

        SystemResult ofTwo = Medians.of(three.subList(0, 2)).get(0);
        assertThat(ofTwo.decisionsPerSecond()).isEqualTo(1200);
        assertThat(ofTwo.p99Ms()).isEqualTo(55);
    }

    @Test
    void systemsKeepTheirOrderAndADatabaseDesignHasNoCommits() {
        List<List<SystemResult>> rounds = List.of(
                List.of(result("router", 900, 40, 2.0), withoutCommits(result("sql_best", 60, 900, 1.0))),
                List.of(result("router", 1000, 50, 2.0), withoutCommits(result("sql_best", 70, 800, 1.0))));
        List<SystemResult> summary = Medians.of(rounds);
        assertThat(summary).extracting(SystemResult::system).containsExactly("router", "sql_best");
        assertThat(summary.get(0).commits()).isNotNull();
        assertThat(summary.get(1).commits()).isNull();
        assertThat(summary.get(1).decisionsPerSecond()).isEqualTo(65);
    }

    @Test
    void ratiosAreEachRoundsRatioAtTheMedianNotTheRatioOfMedians() {
        // rounds where the two systems were fast and slow together: the ratio of the medians would be 0.5,
        // while no round was under 0.6
        Map<String, Double> ratios = Medians.ofRatios(List.of(Map.of("router_vs_pipe", 0.6),
                Map.of("router_vs_pipe", 0.7), Map.of("router_vs_pipe", 0.65)));
        assertThat(ratios.get("router_vs_pipe")).isCloseTo(0.65, within(1e-12));
    }

    private static SystemResult result(String system, double perSecond, double p99, double jitSeconds) {
        Map<ThreadCpu.Kind, Double> threads = new EnumMap<>(ThreadCpu.Kind.class);
        for (ThreadCpu.Kind kind : ThreadCpu.Kind.values()) {
            threads.put(kind, kind == ThreadCpu.Kind.JIT ? jitSeconds : 1.0);
        }
        Map<ThreadCpu.HarnessKind, Double> harness = new EnumMap<>(ThreadCpu.HarnessKind.class);
        for (ThreadCpu.HarnessKind kind : ThreadCpu.HarnessKind.values()) {
            harness.put(kind, 1.0);
        }
        return new SystemResult(system, (long) perSecond * 10, perSecond, p99 / 2, p99 * 0.9, p99, p99 * 2, 400, 100,
                10, threads, harness, 20, 10, 5000, 30, 8,
                new CommitMetrics.Counters(perSecond / 10, 100, 1e6, 2e6, 3e6));
    }

    private static SystemResult withoutCommits(SystemResult r) {
        return new SystemResult(r.system(), r.decisions(), r.decisionsPerSecond(), r.p50Ms(), r.p95Ms(), r.p99Ms(),
                r.maxMs(), r.rssMb(), r.heapMb(), r.cpuSeconds(), r.cpuSecondsByThread(), r.benchCpuSecondsByThread(),
                r.machineBusySeconds(), r.phaseSeconds(), r.warmupTasks(), r.warmupSeconds(), r.rateSeconds(), null);
    }
}
