package io.agentrouter.bench;

/** The figures of one system measured. */
public record SystemResult(String system, long decisions, double decisionsPerSecond, double p50Ms, double p95Ms,
                           double p99Ms, double maxMs, double rssMb, double heapMb, double cpuSeconds,
                           long warmupTasks, double warmupSeconds) {
}
