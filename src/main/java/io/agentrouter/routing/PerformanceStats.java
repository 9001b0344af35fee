package io.agentrouter.routing;

import java.time.Instant;

/** Accepted executions of one agent at one work type. */
public record PerformanceStats(long successCount, long failureCount, Instant lastExecutionAt) {

    public static final PerformanceStats NONE = new PerformanceStats(0, 0, null);
}
