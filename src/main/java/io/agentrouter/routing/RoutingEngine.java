package io.agentrouter.routing;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.scoring.CandidateInput;
import io.agentrouter.scoring.Policy;
import io.agentrouter.scoring.ScoredCandidate;
import io.agentrouter.scoring.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<AgentSnapshot> alive = new ArrayList<>();
        for (AgentSnapshot agent : pool.capableAgents(request.workType())) {
            if (agent.aliveAt(aliveSince)) {
                alive.add(agent);
            }
        }
        if (alive.isEmpty()) {
            // filters 1-3 in order; the pool-wide questions only on this rejection path
            if (!pool.hasMembers()) {
                return Decision.rejected(request, "pool '" + poolName + "' has no agents");
            }
            if (!pool.hasAliveMember(aliveSince)) {
                return Decision.rejected(request, "pool '" + poolName + "' has no online agents");
            }
            return Decision.rejected(request,
                    "no online agent in pool '" + poolName + "' can do '" + request.workType() + "'");
        }

        // filter 4: leave out agents that failed this task, unless that leaves nobody
        List<AgentSnapshot> candidates = alive;
        List<String> excluded = new ArrayList<>();
        if (!request.failedAgents().isEmpty()) {
            List<AgentSnapshot> fresh = new ArrayList<>();
            for (AgentSnapshot agent : alive) {
                if (request.failedAgents().contains(agent.agentId())) {
                    excluded.add(agent.agentId());
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

        // filter 5: BUSY agents only when no ONLINE one is left
        List<AgentSnapshot> online = new ArrayList<>();
        for (AgentSnapshot agent : candidates) {
            if (agent.status() == AgentStatus.ONLINE) {
                online.add(agent);
            }
        }
        if (!online.isEmpty()) {
            candidates = online;
        }

        Instant loadFrom = request.at().minus(policy.loadWindow());
        List<CandidateInput> inputs = new ArrayList<>(candidates.size());
        Map<String, AgentStatus> statuses = new LinkedHashMap<>();
        for (AgentSnapshot agent : candidates) {
            PerformanceStats stats = pool.performance(agent.agentId(), request.workType());
            boolean specMatch = request.specialization() != null
                    && agent.specializations().contains(request.specialization());
            int load = pool.load(agent.agentId(), loadFrom, request.at());
            inputs.add(new CandidateInput(agent.agentId(), stats.successCount(), stats.failureCount(),
                    stats.lastExecutionAt(), specMatch, load));
            statuses.put(agent.agentId(), agent.status());
        }
        List<ScoredCandidate> ranked = Scorer.rank(policy, request.at(), inputs);
        return new Decision(request, true, ranked, statuses, List.copyOf(excluded), reasonFor(policy, ranked.get(0)));
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
