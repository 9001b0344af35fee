package io.agentrouter.topology;

import io.agentrouter.model.AgentPerformance;
import io.agentrouter.routing.PerformanceStats;
import io.agentrouter.serde.AvroSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accepted performance of the agents routed by one stream task. The store's performance entries
 * (agent_id NUL work_type) are the durable copy; all of them are mirrored in memory at init, one slot
 * per agent and work type that is updated in place, with the scoring inputs made when an outcome
 * changes them rather than on every read. The capability index links each capable agent to its
 * slot. A row is encoded once: the same bytes go to the store and to the agent-performance topic.
 */
final class PerformanceMirror {

    private static final AvroSerde<AgentPerformance> FORMAT = AvroSerde.of(AgentPerformance.class);

    private final KeySpace store;
    private final Map<String, Map<String, Slot>> byWorkType = new HashMap<>();

    /** One agent at one work type: its stored row (null before its first accepted outcome) and scoring inputs. */
    static final class Slot {
        private AgentPerformance record;
        private PerformanceStats stats = PerformanceStats.NONE;

        AgentPerformance record() {
            return record;
        }

        PerformanceStats stats() {
            return stats;
        }

        private void set(AgentPerformance p) {
            record = p;
            stats = new PerformanceStats(p.getSuccessCount(), p.getFailureCount(), p.getLastExecutionAt());
        }
    }

    PerformanceMirror(KeySpace store) {
        this.store = store;
        store.forEach((key, value) -> {
            AgentPerformance p = FORMAT.decode(value);
            slot(p.getAgentId(), p.getWorkType()).set(p);
        });
    }

    /** The agent's slot at the work type, made empty when it has none yet. */
    Slot slot(String agentId, String workType) {
        return byWorkType.computeIfAbsent(workType, w -> new HashMap<>()).computeIfAbsent(agentId, a -> new Slot());
    }

    /** Forgets the slot when it is still empty (its agent left the work type before any outcome). */
    void release(String agentId, String workType) {
        Map<String, Slot> slots = byWorkType.getOrDefault(workType, Map.of());
        Slot slot = slots.get(agentId);
        if (slot != null && slot.record() == null) {
            slots.remove(agentId);
        }
    }

    AgentPerformance get(String agentId, String workType) {
        Slot slot = byWorkType.getOrDefault(workType, Map.of()).get(agentId);
        return slot == null ? null : slot.record();
    }

    /** The agent's rows, one per work type it has any (for its hand-off to another pool). */
    List<AgentPerformance> rowsOf(String agentId) {
        List<AgentPerformance> rows = new ArrayList<>();
        for (Map<String, Slot> slots : byWorkType.values()) {
            Slot slot = slots.get(agentId);
            if (slot != null && slot.record() != null) {
                rows.add(slot.record());
            }
        }
        return rows;
    }

    /** Drops the agent's rows: it left for a pool that now holds them. */
    void forget(String agentId) {
        for (Map<String, Slot> slots : byWorkType.values()) {
            Slot slot = slots.remove(agentId);
            if (slot != null && slot.record() != null) {
                store.delete(Keys.of(agentId, slot.record().getWorkType()));
                slot.record = null;
                slot.stats = PerformanceStats.NONE;
            }
        }
    }

    /** Stores the row and returns it encoded in the agent-performance topic's format. */
    byte[] put(AgentPerformance performance) {
        byte[] encoded = FORMAT.encode(performance);
        store.put(Keys.of(performance.getAgentId(), performance.getWorkType()), encoded);
        slot(performance.getAgentId(), performance.getWorkType()).set(performance);
        return encoded;
    }
}
