package io.agentrouter.bench;

import java.util.Map;

/**
 * The figures of one system measured.
 *
 * @param cpuSeconds the measured JVM's CPU over the measured phase
 * @param cpuSecondsByThread the same by kind of thread, counting threads alive at the end of the phase
 *                           (see {@link ThreadCpu#since}): at most the total
 */
public record SystemResult(String system, long decisions, double decisionsPerSecond, double p50Ms, double p95Ms,
                           double p99Ms, double maxMs, double rssMb, double heapMb, double cpuSeconds,
                           Map<ThreadCpu.Kind, Double> cpuSecondsByThread, long warmupTasks, double warmupSeconds) {
}
