package io.agentrouter.topology;

import io.agentrouter.routing.AgentSnapshot;
import io.agentrouter.routing.CapableAgent;
import io.agentrouter.routing.PerformanceStats;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which agents of a pool can do a work type. The store's capable entries (pool NUL work_type NUL
 * agent_id) are the durable copy; an in-memory mirror loaded at init answers every task, because a
 * store prefix scan per task was about a fifth of the router's time. Each entry is linked to the agent's member record,
 * its performance slot at the work type and its load times, so a task reads its candidates without
 * a lookup per candidate (those lookups were the router's largest self time). Iteration order is the
 * store's (agent id), so decisions do not depend on which copy answered.
 */
final class CapabilityIndex {

    private static final byte[] EMPTY = new byte[0];

    private final KeySpace store;
    private final PoolMembers members;
    private final PerformanceMirror performance;
    private final LoadIndex load;
    private final Map<String, TreeMap<String, Capable>> byPoolAndWorkType = new HashMap<>();

    /** One member of a pool that can do one work type, with what its score reads. */
    private final class Capable implements CapableAgent {
        private final PoolMembers.Member member;
        private final PerformanceMirror.Slot performanceSlot;
        private LoadIndex.Times loadTimes; // read back from the store when first asked, after a restore

        Capable(PoolMembers.Member member, PerformanceMirror.Slot performanceSlot) {
            this.member = member;
            this.performanceSlot = performanceSlot;
        }

        @Override
        public AgentSnapshot snapshot() {
            return member.snapshot();
        }

        @Override
        public PerformanceStats performance() {
            return performanceSlot.stats();
        }

        @Override
        public int load(Instant from, Instant to) {
            if (loadTimes == null) {
                loadTimes = load.times(member.record().getAgentId());
            }
            return loadTimes.count(from.toEpochMilli(), to.toEpochMilli());
        }
    }

    /** Loads the index after the members, whose records it links to. */
    CapabilityIndex(KeySpace store, PoolMembers members, PerformanceMirror performance, LoadIndex load) {
        this.store = store;
        this.members = members;
        this.performance = performance;
        this.load = load;
        store.forEach((key, value) -> {
            String[] parts = key.split(String.valueOf(Keys.SEP), -1);
            link(parts[0], parts[1], parts[2]);
        });
    }

    /** The members of the pool that can do the work type, in agent-id order. */
    Collection<? extends CapableAgent> agents(String pool, String workType) {
        TreeMap<String, Capable> agents = byPoolAndWorkType.get(Keys.prefix(pool, workType));
        return agents == null ? List.of() : agents.values();
    }

    /** Records that a member of the pool can do the work type (call after adding the member). */
    void add(String pool, String workType, String agentId) {
        if (link(pool, workType, agentId)) {
            store.put(Keys.of(pool, workType, agentId), EMPTY);
        }
    }

    void remove(String pool, String workType, String agentId) {
        String prefix = Keys.prefix(pool, workType);
        TreeMap<String, Capable> agents = byPoolAndWorkType.get(prefix);
        if (agents != null && agents.remove(agentId) != null) {
            store.delete(Keys.of(pool, workType, agentId));
            performance.release(agentId, workType);
            if (agents.isEmpty()) {
                byPoolAndWorkType.remove(prefix);
            }
        }
    }

    /** Adds the in-memory entry; false when it was there already or the agent is not a member. */
    private boolean link(String pool, String workType, String agentId) {
        PoolMembers.Member member = members.member(pool, agentId);
        if (member == null) {
            return false;
        }
        TreeMap<String, Capable> agents = byPoolAndWorkType.computeIfAbsent(Keys.prefix(pool, workType),
                p -> new TreeMap<>());
        if (agents.containsKey(agentId)) {
            return false;
        }
        agents.put(agentId, new Capable(member, performance.slot(agentId, workType)));
        return true;
    }
}
