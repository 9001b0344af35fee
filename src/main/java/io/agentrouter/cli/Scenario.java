package io.agentrouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.routing.AgentSnapshot;
import io.agentrouter.routing.CapableAgent;
import io.agentrouter.routing.PerformanceStats;
import io.agentrouter.routing.PoolView;
import io.agentrouter.routing.RoutingEngine;
import io.agentrouter.routing.RoutingRequest;
import io.agentrouter.scoring.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code score} scenario: the state of one pool at one instant and a task to route, read from JSON.
 * Every problem is reported as a {@link ScenarioException} naming the field.
 */
record Scenario(Policy policy, RoutingRequest request, List<AgentSnapshot> agents, List<String> agentPools,
                Map<String, PerformanceStats> performance, Map<String, List<Instant>> assignments) implements PoolView {

    static Scenario parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ScenarioException("the scenario must be a JSON object");
        }
        Instant now = instant(root, "now", required(root, "now", "now"));
        Policy policy = policy(root.get("policy"));

        List<AgentSnapshot> agents = new ArrayList<>();
        List<String> pools = new ArrayList<>();
        JsonNode agentNodes = array(root, "agents", true);
        for (int i = 0; i < agentNodes.size(); i++) {
            JsonNode a = agentNodes.get(i);
            String where = "agents[" + i + "]";
            agents.add(new AgentSnapshot(text(a, where, "agent_id"), status(a, where), instant(a,
                    where + ".last_heartbeat_at", required(a, where, "last_heartbeat_at")),
                    strings(a, where, "capabilities"), strings(a, where, "specializations")));
            pools.add(text(a, where, "pool_name"));
        }

        Map<String, PerformanceStats> performance = new HashMap<>();
        JsonNode perfNodes = array(root, "performance", false);
        for (int i = 0; i < perfNodes.size(); i++) {
            JsonNode p = perfNodes.get(i);
            String where = "performance[" + i + "]";
            JsonNode last = p.get("last_execution_at");
            performance.put(text(p, where, "agent_id") + "\u0000" + text(p, where, "work_type"),
                    new PerformanceStats(count(p, where, "success_count"), count(p, where, "failure_count"),
                            last == null || last.isNull() ? null : instant(p, where + ".last_execution_at", last)));
        }

        Map<String, List<Instant>> assignments = new HashMap<>();
        JsonNode recent = array(root, "recent_assignments", false);
        for (int i = 0; i < recent.size(); i++) {
            JsonNode r = recent.get(i);
            String where = "recent_assignments[" + i + "]";
            assignments.computeIfAbsent(text(r, where, "agent_id"), k -> new ArrayList<>())
                    .add(instant(r, where + ".at", required(r, where, "at")));
        }

        JsonNode task = required(root, "task", "task");
        String workType = text(task, "task", "work_type");
        String pool = RoutingEngine.poolFor(optionalText(task, "task", "pool_name"), workType,
                stringMap(root, "work_type_pools"));
        String specialization = RoutingEngine.specializationFor(
                optionalText(task, "task", "preferred_specialization"), workType,
                stringMap(root, "work_type_specializations"));
        int attempt = root.has("attempt") && !root.get("attempt").isNull() ? (int) count(root, "scenario", "attempt") : 0;
        Set<String> failed = new LinkedHashSet<>(strings(root, "scenario", "failed_agents"));
        RoutingRequest request = new RoutingRequest(text(task, "task", "task_id"), workType, pool, specialization,
                attempt, failed, now);
        return new Scenario(policy, request, agents, pools, performance, assignments);
    }

    // ---- PoolView over the scenario

    @Override
    public List<CapableAgent> capableAgents(String workType) {
        List<CapableAgent> capable = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            AgentSnapshot agent = agents.get(i);
            if (agentPools.get(i).equals(request.pool()) && agent.capabilities().contains(workType)) {
                capable.add(CapableAgent.lookedUp(agent, () -> performance(agent.agentId(), workType),
                        (from, to) -> load(agent.agentId(), from, to)));
            }
        }
        return capable;
    }

    @Override
    public boolean hasMembers() {
        return agentPools.contains(request.pool());
    }

    @Override
    public boolean hasAliveMember(Instant aliveSince) {
        for (int i = 0; i < agents.size(); i++) {
            if (agentPools.get(i).equals(request.pool()) && agents.get(i).aliveAt(aliveSince)) {
                return true;
            }
        }
        return false;
    }

    private PerformanceStats performance(String agentId, String workType) {
        return performance.getOrDefault(agentId + "\u0000" + workType, PerformanceStats.NONE);
    }

    private int load(String agentId, Instant from, Instant to) {
        int load = 0;
        for (Instant at : assignments.getOrDefault(agentId, List.of())) {
            if (!at.isBefore(from) && !at.isAfter(to)) {
                load++;
            }
        }
        return load;
    }

    // ---- field readers

    private static Policy policy(JsonNode node) {
        Policy d = Policy.defaults();
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            throw new ScenarioException("policy: must be an object");
        }
        return new Policy(number(node, "w_success", d.wSuccess()), number(node, "w_context", d.wContext()),
                number(node, "w_spec", d.wSpec()), number(node, "w_load", d.wLoad()),
                (int) positive(node, "min_samples", d.minSamples()), duration(node, "context_window", d.contextWindow()),
                duration(node, "load_window", d.loadWindow()), (int) positive(node, "load_cap", d.loadCap()),
                duration(node, "heartbeat_ttl", d.heartbeatTtl()));
    }

    private static JsonNode required(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ScenarioException(qualified(where, field) + ": missing");
        }
        return value;
    }

    private static String text(JsonNode node, String where, String field) {
        JsonNode value = required(node, where, field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ScenarioException(qualified(where, field) + ": must be a non-empty string");
        }
        return value.asText();
    }

    /** An optional name: absent, null and "" all mean none. */
    private static String optionalText(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        return text(node, where, field);
    }

    private static long count(JsonNode node, String where, String field) {
        JsonNode value = required(node, where, field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new ScenarioException(qualified(where, field) + ": must be a whole number >= 0");
        }
        return value.asLong();
    }

    private static double number(JsonNode node, String field, double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new ScenarioException("policy." + field + ": must be a number >= 0");
        }
        return value.asDouble();
    }

    private static long positive(JsonNode node, String field, long fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw new ScenarioException("policy." + field + ": must be a whole number >= 1");
        }
        return value.asLong();
    }

    private static Duration duration(JsonNode node, String field, Duration fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.asText());
            if (d.isNegative() || d.isZero()) {
                throw new ScenarioException("policy." + field + ": must be a positive duration");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ScenarioException("policy." + field + ": '" + value.asText()
                    + "' is not an ISO-8601 duration such as PT4H");
        }
    }

    private static Instant instant(JsonNode node, String where, JsonNode value) {
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new ScenarioException(where + ": '" + value.asText()
                    + "' is not an ISO-8601 UTC time such as 2026-01-19T17:30:00Z");
        }
    }

    private static AgentStatus status(JsonNode node, String where) {
        String status = text(node, where, "status");
        try {
            return AgentStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ".status: '" + status + "' is not one of ONLINE, BUSY, OFFLINE");
        }
    }

    private static JsonNode array(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ScenarioException(field + ": missing");
            }
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new ScenarioException(field + ": must be an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ScenarioException(qualified(where, field) + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ScenarioException(qualified(where, field) + ": must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new ScenarioException(field + ": must be an object of strings");
        }
        Map<String, String> map = new HashMap<>();
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new ScenarioException(field + "." + e.getKey() + ": must be a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return map;
    }

    private static String qualified(String where, String field) {
        return where.equals(field) ? field : where + "." + field;
    }

    /** A scenario that cannot be used; the message names the field. */
    static final class ScenarioException extends RuntimeException {
        ScenarioException(String message) {
            super(message);
        }
    }
}
