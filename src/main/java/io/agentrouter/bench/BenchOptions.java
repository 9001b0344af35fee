package io.agentrouter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to measure.
 *
 * @param tasks tasks at full speed (used when rate is 0)
 * @param maxInFlight at full speed, the most tasks sent to the router and not yet decided (0: no bound); see
 *     {@link LoadDriver#sendAll}
 * @param rate tasks per second for a fixed-rate run (0: full speed)
 * @param duration length of a fixed-rate run
 * @param warmupTasks tasks per warm-up round (JIT, performance history)
 * @param warmupMax the longest warm-up: rounds repeat until the JIT compilers are quiet or this passes
 * @param systems what to measure, in order: router, pipe, original, sql_best (ratios are the router's)
 * @param settings router settings (--set) for both Kafka Streams systems, router and pipe
 * @param latencyLog a CSV file for every latency sample of the measured phases (system, sent ms, latency ms), or null
 * @param rounds how many times to measure every system, in turn (round 1: each system once, then round 2, ...);
 *     with more than one the summary holds each figure's median over the rounds
 */
public record BenchOptions(String bootstrap, int pools, int agentsPerPool, int workTypes, double capableFraction,
                           int tasks, int maxInFlight, double rate, Duration duration, int warmupTasks, Duration warmupMax,
                           int partitions,
                           int commitIntervalMs, String routerHeap, List<String> systems,
                           Map<String, String> settings, Path json, Path latencyLog,
                           int rounds) {

    public static final List<String> ALL_SYSTEMS = List.of("router", "pipe", "original", "sql_best");

    public BenchOptions {
        systems = List.copyOf(systems);
        settings = Map.copyOf(settings);
    }

    int capablePerPool() {
        return Math.max(1, (int) Math.round(agentsPerPool * capableFraction));
    }

    int measuredTasks() {
        return rate > 0 ? (int) Math.round(rate * duration.toMillis() / 1000.0) : tasks;
    }
}
