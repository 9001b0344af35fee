package io.agentrouter.routing;

import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.RoutingPolicy;
import io.agentrouter.scoring.Policy;
import io.agentrouter.scoring.ScoredCandidate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds the audit record of a decision (the router itself encodes {@link AuditEntry} directly). */
public final class DecisionRecords {

    private DecisionRecords() {
    }

    /** Deterministic id of one attempt of one task, so a replay of the same input yields the same ids. */
    public static String decisionId(String taskId, int attempt) {
        return UUID.nameUUIDFromBytes((taskId + "/" + attempt).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static RoutingPolicy policyRecord(Policy policy) {
        return RoutingPolicy.newBuilder()
                .setWSuccess(policy.wSuccess())
                .setWContext(policy.wContext())
                .setWSpec(policy.wSpec())
                .setWLoad(policy.wLoad())
                .setMinSamples(policy.minSamples())
                .setContextWindowMs(policy.contextWindow().toMillis())
                .setLoadWindowMs(policy.loadWindow().toMillis())
                .setLoadCap(policy.loadCap())
                .setHeartbeatTtlMs(policy.heartbeatTtl().toMillis())
                .build();
    }

    /** The decision with its deterministic id, ready for the audit topic. */
    public static AuditEntry entry(Decision decision, RoutingPolicy policy) {
        return new AuditEntry(decisionId(decision.request().taskId(), decision.request().attempt()), decision, policy);
    }

    public static RoutingDecision toRecord(Decision decision, RoutingPolicy policy) {
        return toRecord(entry(decision, policy));
    }

    public static RoutingDecision toRecord(AuditEntry entry) {
        Decision decision = entry.decision();
        RoutingRequest request = decision.request();
        RoutingDecision.Builder record = RoutingDecision.newBuilder()
                .setDecisionId(entry.decisionId())
                .setTaskId(request.taskId())
                .setWorkType(request.workType())
                .setAgentPool(request.pool())
                .setOutcome(decision.assigned() ? DecisionOutcome.ASSIGNED : DecisionOutcome.REJECTED)
                .setRetried(request.retried() ? 1 : 0)
                .setAttempt(request.attempt())
                .setReason(decision.reason())
                .setCreatedAt(request.at())
                .setPreferredSpecialization(request.specialization())
                .setExcludedAgents(decision.excludedAgents())
                .setPolicy(entry.policy())
                .setSpecializationMatch(0)
                .setRecentContextMatch(0);
        List<CandidateScore> candidates = new ArrayList<>(decision.candidates().size());
        for (ScoredCandidate c : decision.candidates()) {
            CandidateScore score = new CandidateScore();
            score.setAgentId(c.agentId());
            score.setStatus(decision.candidateStatus());
            score.setSuccessCount(c.input().successCount());
            score.setFailureCount(c.input().failureCount());
            score.setLastExecutionAt(c.input().lastExecutionAt());
            score.setLoad(c.input().load());
            score.setSuccessPoints(c.successPoints());
            score.setContextPoints(c.contextPoints());
            score.setSpecializationPoints(c.specializationPoints());
            score.setLoadPoints(c.loadPoints());
            score.setScore(c.score());
            candidates.add(score);
        }
        record.setCandidates(candidates);
        if (decision.assigned()) {
            ScoredCandidate winner = decision.selected();
            record.setSelectedAgentId(winner.agentId())
                    .setScore(winner.score())
                    .setSuccessRatePercent(winner.successRatePercent())
                    .setSpecializationMatch(winner.specializationMatched() ? 1 : 0)
                    .setRecentContextMatch(winner.contextMatched() ? 1 : 0);
        }
        return record.build();
    }
}
