package io.agentrouter.bench;

import java.util.Map;

/**
 * The figures of one system measured.
 *
 * @param cpuSeconds the measured JVM's CPU over the measured phase
 * @param cpuSecondsByThread the same by kind of thread, counting threads alive at the end of the phase
 *                           (see {@link ThreadCpu#since}): at most the total
 * @param benchCpuSecondsByThread the benchmark's own JVM over the same phase, by kind of thread: the in-process
 *                                broker, and the load and measuring consumers beside it
 * @param machineBusySeconds CPU seconds all cores worked over the phase, every process included (PostgreSQL too)
 * @param phaseSeconds the measured phase's length, from the first task sent to the last decision read
 * @param rateSeconds the time over which {@code decisionsPerSecond} counts (see {@link LoadDriver#sustainedSeconds})
 * @param commits the Kafka Streams systems' commits over the phase and the time they held up the stream thread;
 *                null for the database designs or when the measured JVM could not be attached to
 */
public record SystemResult(String system, long decisions, double decisionsPerSecond, double p50Ms, double p95Ms,
                           double p99Ms, double maxMs, double rssMb, double heapMb, double cpuSeconds,
                           Map<ThreadCpu.Kind, Double> cpuSecondsByThread,
                           Map<ThreadCpu.HarnessKind, Double> benchCpuSecondsByThread, double machineBusySeconds,
                           double phaseSeconds, long warmupTasks, double warmupSeconds, double rateSeconds,
                           CommitMetrics.Counters commits) {

    /** Below this, the decisions counted arrived in a few polls: no rate to speak of. */
    public static final double MIN_RATE_SECONDS = 1.0;

    /** Whether the run lasted long enough for {@code decisionsPerSecond} to be a rate. */
    public boolean rateMeasured() {
        return rateSeconds >= MIN_RATE_SECONDS;
    }
}
