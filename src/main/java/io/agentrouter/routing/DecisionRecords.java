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

    /** What a record is to its attempt: the attempt's decision (ASSIGNED or REJECTED), or its QUEUED record. */
    public enum RecordKind {
        DECISION, QUEUED
    }

    /**
     * The decision_id: a name-based UUID (version 3) of the application id, the task's incarnation
     * (its id and the event time at which it was first accepted), the attempt and the kind of record,
     * joined by NUL (no id may hold a control character). Deterministic, so a re-run of the same input
     * by the same application gives the same ids; another application, or a task id used again after
     * the dedup retention, gets new ones.
     */
    public static String decisionId(String applicationId, String taskId, long acceptedAtMs, int attempt,
                                    RecordKind kind) {
        String name = applicationId + SEP + taskId + SEP + acceptedAtMs + SEP + attempt + SEP
                + kind.name().toLowerCase(java.util.Locale.ROOT);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static final char SEP = '\u0000';

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

    /** The attempt's decision with its deterministic id, for the audit topic of {@code applicationId}. */
    public static AuditEntry entry(Decision decision, RoutingPolicy policy, String applicationId, long acceptedAtMs) {
        RoutingRequest request = decision.request();
        return new AuditEntry(decisionId(applicationId, request.taskId(), acceptedAtMs, request.attempt(),
                RecordKind.DECISION), decision, policy);
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
