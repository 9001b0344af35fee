package io.agentrouter.topology;

import io.agentrouter.model.AgentRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each agent's latest pool membership, kept after it deregisters: the pool it was in and the
 * membership's number, which the hand-off of its performance and load between pools is matched by
 * (agent_id -> epoch NUL pool).
 */
final class Memberships {

    /** One membership: the n-th time the agent joined a pool it was not last in, counted from 0. */
    record Membership(String pool, long epoch) {
    }

    private final KeyValueStore<String, String> store;

    Memberships(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /**
     * The agent's latest membership, or null when it never registered. {@code registered} is its
     * registry record, if any: an agent registered before memberships were kept is in its first one.
     */
    Membership of(String agentId, AgentRecord registered) {
        String value = store.get(agentId);
        if (value == null) {
            return registered == null ? null : new Membership(registered.getPoolName(), 0);
        }
        int sep = value.indexOf(Keys.SEP);
        return new Membership(value.substring(sep + 1), Long.parseLong(value.substring(0, sep)));
    }

    void start(String agentId, String pool, long epoch) {
        store.put(agentId, Keys.of(Long.toString(epoch), pool));
    }
}
