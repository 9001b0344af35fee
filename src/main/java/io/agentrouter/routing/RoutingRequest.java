package io.agentrouter.routing;

import java.time.Instant;
import java.util.Set;

/**
 * One routing attempt to decide.
 *
 * @param pool the resolved pool (see {@link RoutingEngine#poolFor}); null when none could be resolved
 * @param specialization the specialization to score, already resolved; may be null
 * @param failedAgents agents that failed earlier attempts of this task (filter 4)
 * @param at decision time T: the task's event time, or the time of the event that caused a re-route
 */
public record RoutingRequest(String taskId, String workType, String pool, String specialization, int attempt,
                             Set<String> failedAgents, Instant at) {

    public boolean retried() {
        return attempt > 0;
    }
}
