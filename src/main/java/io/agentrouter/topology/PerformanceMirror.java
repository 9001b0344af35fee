package io.agentrouter.topology;

import io.agentrouter.model.AgentPerformance;
import io.agentrouter.routing.PerformanceStats;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The accepted performance of the agents routed by one stream task. The store (agent_id NUL
 * work_type) is the durable copy; the whole of it is mirrored in memory at init by work type, so a
 * task looks up its work type once and then each candidate by agent id, with the scoring inputs made
 * when an outcome changes them rather than on every read.
 */
final class PerformanceMirror {

    private final KeyValueStore<String, AgentPerformance> store;
    private final Map<String, Map<String, Row>> byWorkType = new HashMap<>();

    /** A stored row and the scoring inputs taken from it. */
    record Row(AgentPerformance record, PerformanceStats stats) {
    }

    PerformanceMirror(KeyValueStore<String, AgentPerformance> store) {
        this.store = store;
        try (KeyValueIterator<String, AgentPerformance> all = store.all()) {
            all.forEachRemaining(entry -> mirror(entry.value));
        }
    }

    /** The rows of one work type by agent id (read-only use). */
    Map<String, Row> of(String workType) {
        return byWorkType.getOrDefault(workType, Map.of());
    }

    AgentPerformance get(String agentId, String workType) {
        Row row = of(workType).get(agentId);
        return row == null ? null : row.record();
    }

    void put(AgentPerformance performance) {
        store.put(Keys.of(performance.getAgentId(), performance.getWorkType()), performance);
        mirror(performance);
    }

    private void mirror(AgentPerformance p) {
        PerformanceStats stats = new PerformanceStats(p.getSuccessCount(), p.getFailureCount(), p.getLastExecutionAt());
        byWorkType.computeIfAbsent(p.getWorkType(), w -> new HashMap<>()).put(p.getAgentId(), new Row(p, stats));
    }
}
