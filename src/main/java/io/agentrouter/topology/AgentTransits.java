package io.agentrouter.topology;

import io.agentrouter.model.internal.AgentTransit;
import io.agentrouter.serde.AvroSerde;
import java.util.HashMap;
import java.util.Map;

/**
 * Memberships whose join and hand-off have not met yet (pool-state transit entries, agent_id NUL
 * epoch), mirrored in memory at init. An agent that joined and waits for its hand-off is not a
 * member of the pool; a hand-off that came first waits for its join.
 */
final class AgentTransits {

    private static final AvroSerde<AgentTransit> FORMAT = AvroSerde.of(AgentTransit.class);

    private final KeySpace store;
    private final Map<String, AgentTransit> byMembership = new HashMap<>();
    private final Map<String, AgentTransit> waitingByPoolAndAgent = new HashMap<>();

    AgentTransits(KeySpace store) {
        this.store = store;
        store.forEach((key, value) -> index(FORMAT.decode(value)));
    }

    /** The agent's membership in transit, or null. */
    AgentTransit get(String agentId, long epoch) {
        return byMembership.get(key(agentId, epoch));
    }

    /** The agent's membership of the pool that waits for its hand-off, or null. */
    AgentTransit waitingIn(String pool, String agentId) {
        if (waitingByPoolAndAgent.isEmpty()) {
            return null; // nearly always: asked on every heartbeat, so no key is built
        }
        return waitingByPoolAndAgent.get(Keys.of(pool, agentId));
    }

    /** Stores it (again, after a change). */
    void put(AgentTransit transit) {
        unindex(transit);
        store.put(key(transit.getAgentId(), transit.getEpoch()), FORMAT.encode(transit));
        index(transit);
    }

    void remove(AgentTransit transit) {
        store.delete(key(transit.getAgentId(), transit.getEpoch()));
        unindex(transit);
    }

    private void index(AgentTransit transit) {
        byMembership.put(key(transit.getAgentId(), transit.getEpoch()), transit);
        if (waiting(transit)) {
            waitingByPoolAndAgent.put(Keys.of(transit.getPoolName(), transit.getAgentId()), transit);
        }
    }

    private void unindex(AgentTransit transit) {
        AgentTransit previous = byMembership.remove(key(transit.getAgentId(), transit.getEpoch()));
        if (previous != null) {
            waitingByPoolAndAgent.remove(Keys.of(previous.getPoolName(), previous.getAgentId()), previous);
        }
        waitingByPoolAndAgent.remove(Keys.of(transit.getPoolName(), transit.getAgentId()), transit);
    }

    private static boolean waiting(AgentTransit transit) {
        return transit.getAgent() != null && !transit.getLeft() && transit.getHandOff() == null;
    }

    private static String key(String agentId, long epoch) {
        return Keys.of(agentId, Long.toString(epoch));
    }
}
