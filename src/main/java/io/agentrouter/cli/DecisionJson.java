package io.agentrouter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.RoutingPolicy;
import java.time.Instant;

/** A routing decision as one JSON object with the audit record's field names. */
final class DecisionJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private DecisionJson() {
    }

    static ObjectNode of(RoutingDecision d) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("decision_id", d.getDecisionId());
        json.put("task_id", d.getTaskId());
        json.put("work_type", d.getWorkType());
        json.put("agent_pool", d.getAgentPool());
        json.put("outcome", d.getOutcome().name());
        json.put("selected_agent_id", d.getSelectedAgentId());
        json.put("score", d.getScore());
        json.put("success_rate_percent", d.getSuccessRatePercent());
        json.put("specialization_match", d.getSpecializationMatch());
        json.put("recent_context_match", d.getRecentContextMatch());
        json.put("retried", d.getRetried());
        json.put("attempt", d.getAttempt());
        json.put("reason", d.getReason());
        json.put("created_at", d.getCreatedAt().toString());
        json.put("preferred_specialization", d.getPreferredSpecialization());
        ArrayNode excluded = json.putArray("excluded_agents");
        d.getExcludedAgents().forEach(excluded::add);
        RoutingPolicy p = d.getPolicy();
        ObjectNode policy = json.putObject("policy");
        policy.put("w_success", p.getWSuccess());
        policy.put("w_context", p.getWContext());
        policy.put("w_spec", p.getWSpec());
        policy.put("w_load", p.getWLoad());
        policy.put("min_samples", p.getMinSamples());
        policy.put("context_window_ms", p.getContextWindowMs());
        policy.put("load_window_ms", p.getLoadWindowMs());
        policy.put("load_cap", p.getLoadCap());
        policy.put("heartbeat_ttl_ms", p.getHeartbeatTtlMs());
        ArrayNode candidates = json.putArray("candidates");
        for (CandidateScore c : d.getCandidates()) {
            ObjectNode candidate = candidates.addObject();
            candidate.put("agent_id", c.getAgentId());
            candidate.put("success_points", c.getSuccessPoints());
            candidate.put("context_points", c.getContextPoints());
            candidate.put("specialization_points", c.getSpecializationPoints());
            candidate.put("load_points", c.getLoadPoints());
            candidate.put("score", c.getScore());
            candidate.put("status", c.getStatus().name());
            candidate.put("success_count", c.getSuccessCount());
            candidate.put("failure_count", c.getFailureCount());
            candidate.put("load", c.getLoad());
            Instant last = c.getLastExecutionAt();
            candidate.put("last_execution_at", last == null ? null : last.toString());
        }
        return json;
    }
}
