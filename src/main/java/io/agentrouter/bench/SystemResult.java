package io.agentrouter.bench;

import java.util.Map;

/**
 * The figures of one system measured.
 *
 * @param cpuSeconds the measured JVM's CPU over the measured phase
 * @param cpuSecondsByThread the same by kind of thread (see {@link ThreadCpu})
 */
public record SystemResult(String system, long decisions, double decisionsPerSecond, double p50Ms, double p95Ms,
                           double p99Ms, double maxMs, double rssMb, double heapMb, double cpuSeconds,
                           Map<ThreadCpu.Kind, Double> cpuSecondsByThread, long warmupTasks, double warmupSeconds) {
}
