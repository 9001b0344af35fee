package io.agentrouter.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What to measure.
 *
 * @param tasks tasks at full speed (used when rate is 0)
 * @param rate tasks per second for a fixed-rate run (0: full speed)
 * @param duration length of a fixed-rate run
 * @param warmupTasks tasks routed before measuring (JIT, performance history)
 */
public record BenchOptions(String bootstrap, int pools, int agentsPerPool, int workTypes, double capableFraction,
                           int tasks, double rate, Duration duration, int warmupTasks, int partitions,
                           int commitIntervalMs, String routerHeap, boolean compare, Path json) {

    int capablePerPool() {
        return Math.max(1, (int) Math.round(agentsPerPool * capableFraction));
    }

    int measuredTasks() {
        return rate > 0 ? (int) Math.round(rate * duration.toMillis() / 1000.0) : tasks;
    }
}
