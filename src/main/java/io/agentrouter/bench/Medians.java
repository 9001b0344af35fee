package io.agentrouter.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The summary of several rounds of a benchmark: each figure's median over the rounds, system by
 * system. On two shared cores one run of a system can be a third faster or slower than the next, so a
 * median of rounds taken in turn says more than any one of them. The figures of one summary row may
 * come from different rounds.
 */
final class Medians {

    private Medians() {
    }

    /** One row per system, in the order of the first round; every round measured the same systems. */
    static List<SystemResult> of(List<List<SystemResult>> rounds) {
        List<SystemResult> summary = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).size(); i++) {
            int index = i;
            List<SystemResult> runs = rounds.stream().map(round -> round.get(index)).toList();
            summary.add(ofSystem(runs));
        }
        return summary;
    }

    /** Each ratio's median over the rounds (not the ratio of the medians: each round's ratio is one run's). */
    static Map<String, Double> ofRatios(List<Map<String, Double>> rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String key : rounds.get(0).keySet()) {
            medians.put(key, median(rounds, r -> r.get(key)));
        }
        return medians;
    }

    private static SystemResult ofSystem(List<SystemResult> runs) {
        boolean allCommits = runs.stream().allMatch(r -> r.commits() != null);
        return new SystemResult(runs.get(0).system(),
                Math.round(median(runs, SystemResult::decisions)),
                median(runs, SystemResult::decisionsPerSecond),
                median(runs, SystemResult::p50Ms), median(runs, SystemResult::p95Ms),
                median(runs, SystemResult::p99Ms), median(runs, SystemResult::maxMs),
                median(runs, SystemResult::rssMb), median(runs, SystemResult::heapMb),
                median(runs, SystemResult::cpuSeconds),
                byKind(runs, SystemResult::cpuSecondsByThread, ThreadCpu.Kind.class),
                byKind(runs, SystemResult::benchCpuSecondsByThread, ThreadCpu.HarnessKind.class),
                median(runs, SystemResult::machineBusySeconds), median(runs, SystemResult::phaseSeconds),
                Math.round(median(runs, SystemResult::warmupTasks)), median(runs, SystemResult::warmupSeconds),
                median(runs, SystemResult::rateSeconds), allCommits ? commits(runs) : null);
    }

    private static CommitMetrics.Counters commits(List<SystemResult> runs) {
        return new CommitMetrics.Counters(median(runs, r -> r.commits().commits()),
                median(runs, r -> r.commits().polls()), median(runs, r -> r.commits().flushNs()),
                median(runs, r -> r.commits().sendOffsetsNs()), median(runs, r -> r.commits().endTxnNs()));
    }

    private static <K extends Enum<K>> Map<K, Double> byKind(List<SystemResult> runs,
                                                             Function<SystemResult, Map<K, Double>> figures,
                                                             Class<K> kinds) {
        Map<K, Double> medians = new EnumMap<>(kinds);
        for (K kind : kinds.getEnumConstants()) {
            medians.put(kind, median(runs, r -> figures.apply(r).getOrDefault(kind, 0.0)));
        }
        return medians;
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static <T> double median(List<T> items, ToDoubleFunction<T> figure) {
        double[] values = items.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
