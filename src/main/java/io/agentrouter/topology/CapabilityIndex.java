package io.agentrouter.topology;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which agents of a pool can do a work type. The store (pool NUL work_type NUL agent_id) is the
 * durable copy; an in-memory mirror loaded at init answers every task, because a store prefix scan
 * per task was about a fifth of the router's time. Iteration order is the store's (agent id), so
 * decisions do not depend on which copy answered.
 */
final class CapabilityIndex {

    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, TreeSet<String>> agentsByPoolAndWorkType = new HashMap<>();

    CapabilityIndex(KeyValueStore<String, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> {
                String key = entry.key;
                int agentAt = key.lastIndexOf(Keys.SEP);
                mirror(key.substring(0, agentAt + 1)).add(key.substring(agentAt + 1));
            });
        }
    }

    /** The agents of the pool that can do the work type, in agent-id order. */
    Collection<String> agents(String pool, String workType) {
        TreeSet<String> agents = agentsByPoolAndWorkType.get(Keys.prefix(pool, workType));
        return agents == null ? List.of() : agents;
    }

    void add(String pool, String workType, String agentId) {
        if (mirror(Keys.prefix(pool, workType)).add(agentId)) {
            store.put(Keys.of(pool, workType, agentId), EMPTY);
        }
    }

    void remove(String pool, String workType, String agentId) {
        String prefix = Keys.prefix(pool, workType);
        TreeSet<String> agents = agentsByPoolAndWorkType.get(prefix);
        if (agents != null && agents.remove(agentId)) {
            store.delete(Keys.of(pool, workType, agentId));
            if (agents.isEmpty()) {
                agentsByPoolAndWorkType.remove(prefix);
            }
        }
    }

    private TreeSet<String> mirror(String prefix) {
        return agentsByPoolAndWorkType.computeIfAbsent(prefix, p -> new TreeSet<>());
    }
}
