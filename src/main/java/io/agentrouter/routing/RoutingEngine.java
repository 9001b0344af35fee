package io.agentrouter.routing;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.scoring.CandidateInput;
import io.agentrouter.scoring.Policy;
import io.agentrouter.scoring.ScoredCandidate;
import io.agentrouter.scoring.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The hard filters and selection of ROUTING.md, as a pure function of a request and a view of the
 * pool. No Kafka here: the topology gathers the inputs, this decides.
 */
public final class RoutingEngine {

    private RoutingEngine() {
    }

    /** Which pool: the task's own, else the one configured for its work type, else none. */
    public static String poolFor(String taskPool, String workType, Map<String, String> workTypePools) {
        return taskPool != null ? taskPool : workTypePools.get(workType);
    }

    /** Which specialization scores: the task's preference, else the one configured for its work type. */
    public static String specializationFor(String preferred, String workType, Map<String, String> workTypeSpecs) {
        return preferred != null ? preferred : workTypeSpecs.get(workType);
    }

    public static Decision decide(Policy policy, RoutingRequest request, PoolView pool) {
        String poolName = request.pool();
        if (poolName == null) {
            return Decision.rejected(request, "no pool for work type '" + request.workType() + "'");
        }
        Instant aliveSince = request.at().minus(policy.heartbeatTtl());
        Collection<? extends CapableAgent> capable = pool.capableAgents(request.workType());
        List<CapableAgent> alive = new ArrayList<>(capable.size()); // sized once: growing it showed in allocation profiles
        for (CapableAgent agent : capable) {
            if (agent.snapshot().aliveAt(aliveSince)) {
                alive.add(agent);
            }
        }
        if (alive.isEmpty()) {
            // filters 1-3 in order; the pool-wide questions only on this rejection path
            if (!pool.hasMembers()) {
                return Decision.rejected(request, "pool '" + poolName + "' has no agents");
            }
            if (!pool.hasAliveMember(aliveSince)) {
                return Decision.noneAlive(request, "pool '" + poolName + "' has no online agents");
            }
            return Decision.noneAlive(request,
                    "no online agent in pool '" + poolName + "' can do '" + request.workType() + "'");
        }

        // filter 4: leave out agents that failed this task, unless that leaves nobody
        List<CapableAgent> candidates = alive;
        List<String> excluded = new ArrayList<>();
        if (!request.failedAgents().isEmpty()) {
            List<CapableAgent> fresh = new ArrayList<>();
            for (CapableAgent agent : alive) {
                if (request.failedAgents().contains(agent.snapshot().agentId())) {
                    excluded.add(agent.snapshot().agentId());
                } else {
                    fresh.add(agent);
                }
            }
            if (fresh.isEmpty()) {
                excluded.clear();
            } else {
                candidates = fresh;
            }
        }

        // filter 5: BUSY agents only when no ONLINE one is left; either way every candidate has one status
        List<CapableAgent> online = new ArrayList<>(candidates.size());
        for (CapableAgent agent : candidates) {
            if (agent.snapshot().status() == AgentStatus.ONLINE) {
                online.add(agent);
            }
        }
        AgentStatus candidateStatus = AgentStatus.BUSY;
        if (!online.isEmpty()) {
            candidates = online;
            candidateStatus = AgentStatus.ONLINE;
        }

        Instant loadFrom = request.at().minus(policy.loadWindow());
        List<CandidateInput> inputs = new ArrayList<>(candidates.size());
        for (CapableAgent agent : candidates) {
            AgentSnapshot snapshot = agent.snapshot();
            PerformanceStats stats = agent.performance();
            boolean specMatch = request.specialization() != null
                    && snapshot.specializations().contains(request.specialization());
            inputs.add(new CandidateInput(snapshot.agentId(), stats.successCount(), stats.failureCount(),
                    stats.lastExecutionAt(), specMatch, agent.load(loadFrom, request.at())));
        }
        List<ScoredCandidate> ranked = Scorer.rank(policy, request.at(), inputs);
        return new Decision(request, true, ranked, candidateStatus, List.copyOf(excluded),
                reasonFor(policy, ranked.get(0)));
    }

    static String reasonFor(Policy policy, ScoredCandidate winner) {
        StringBuilder reason = new StringBuilder("Selected based on ");
        if (winner.successRatePercent() != null) {
            reason.append(winner.successRatePercent()).append("% success rate");
        } else {
            reason.append("neutral success rate (").append(winner.input().executions()).append(" of ")
                    .append(policy.minSamples()).append(" executions)");
        }
        if (winner.contextMatched()) {
            reason.append(", recent context");
        }
        if (winner.specializationMatched()) {
            reason.append(", specialization match");
        }
        return reason.toString();
    }
}
