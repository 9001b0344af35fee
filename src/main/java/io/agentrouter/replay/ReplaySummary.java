package io.agentrouter.replay;

import io.agentrouter.model.RoutingDecision;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Counts for the end of a replay: decisions, per outcome, per pool, top agents. */
public final class ReplaySummary {

    private long decisions;
    private final Map<String, Long> perOutcome = new TreeMap<>();
    private final Map<String, Long> perPool = new TreeMap<>();
    private final Map<String, Long> perAgent = new TreeMap<>();

    public void add(RoutingDecision d) {
        decisions++;
        perOutcome.merge(d.getOutcome().name(), 1L, Long::sum);
        perPool.merge(d.getAgentPool() == null ? "(no pool)" : d.getAgentPool(), 1L, Long::sum);
        if (d.getSelectedAgentId() != null) {
            perAgent.merge(d.getSelectedAgentId(), 1L, Long::sum);
        }
    }

    @Override
    public String toString() {
        String top = perAgent.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "decisions: " + decisions + "\n"
                + "per outcome: " + join(perOutcome) + "\n"
                + "per pool: " + join(perPool) + "\n"
                + "top agents: " + (top.isEmpty() ? "-" : top);
    }

    private static String join(Map<String, Long> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
