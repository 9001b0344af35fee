package io.agentrouter.routing;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.scoring.ScoredCandidate;
import java.util.List;

/**
 * The result of one routing attempt, before it becomes an audit record.
 *
 * @param candidates the agents left after the hard filters, best first; empty on rejection
 * @param candidateStatus the status every candidate had at decision time: filter 5 leaves only ONLINE
 *                        agents, or only BUSY ones when no ONLINE one was left; null on rejection
 * @param excludedAgents agents left out because they failed this task before
 * @param noneAlive a rejection because the pool has members but none of them, or none capable, is alive at
 *                  the task's time: the one rejection that a late view of the heartbeats can cause
 */
public record Decision(RoutingRequest request, boolean assigned, List<ScoredCandidate> candidates,
                       AgentStatus candidateStatus, List<String> excludedAgents, String reason, boolean noneAlive) {

    public Decision(RoutingRequest request, boolean assigned, List<ScoredCandidate> candidates,
                    AgentStatus candidateStatus, List<String> excludedAgents, String reason) {
        this(request, assigned, candidates, candidateStatus, excludedAgents, reason, false);
    }

    public static Decision rejected(RoutingRequest request, String reason) {
        return new Decision(request, false, List.of(), null, List.of(), reason);
    }

    /** Filters 2 and 3 left nobody although the pool has members. */
    static Decision noneAlive(RoutingRequest request, String reason) {
        return new Decision(request, false, List.of(), null, List.of(), reason, true);
    }

    /** The winner; only for an assigned decision. */
    public ScoredCandidate selected() {
        if (!assigned) {
            throw new IllegalStateException("a rejection has no selected agent");
        }
        return candidates.get(0);
    }
}
