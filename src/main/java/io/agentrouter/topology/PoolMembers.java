package io.agentrouter.topology;

import io.agentrouter.model.AgentRecord;
import io.agentrouter.routing.AgentSnapshot;
import io.agentrouter.serde.AvroSerde;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The members of the pools of one stream task. The store's member entries (pool NUL agent_id) are
 * the durable copy; all of them are mirrored in memory at init, per pool, with each agent's routing
 * snapshot made once when its record changes, so a task's candidates cost no store read, key
 * building or decoding. A stream task is the only writer of its stores, and a new processor (with a
 * fresh mirror) is created whenever the task moves.
 */
final class PoolMembers {

    private static final AvroSerde<AgentRecord> FORMAT = AvroSerde.of(AgentRecord.class);

    private final KeySpace store;
    private final Map<String, Map<String, Member>> byPool = new HashMap<>();

    /**
     * One agent while it is a member of one pool: its record and the snapshot the routing engine reads.
     * Updated in place by each heartbeat, so the capability index can hold on to it.
     */
    static final class Member {
        private AgentRecord record;
        private AgentSnapshot snapshot;

        private Member(AgentRecord record) {
            set(record);
        }

        AgentRecord record() {
            return record;
        }

        AgentSnapshot snapshot() {
            return snapshot;
        }

        private void set(AgentRecord agent) {
            record = agent;
            snapshot = new AgentSnapshot(agent.getAgentId(), agent.getStatus(), agent.getLastHeartbeatAt(),
                    agent.getCapabilities(), agent.getSpecializations());
        }
    }

    PoolMembers(KeySpace store) {
        this.store = store;
        store.forEach((key, value) -> mirror(key.substring(0, key.indexOf(Keys.SEP)), FORMAT.decode(value)));
    }

    /** The pool's members by agent id (read-only). */
    Map<String, Member> of(String pool) {
        Map<String, Member> members = byPool.get(pool);
        return members == null ? Map.of() : Collections.unmodifiableMap(members);
    }

    /** The agent while it is a member of the pool, or null. */
    Member member(String pool, String agentId) {
        return of(pool).get(agentId);
    }

    /** Stores the agent's record; returns its previous one in this pool, or null. */
    AgentRecord put(String pool, AgentRecord agent) {
        store.put(Keys.of(pool, agent.getAgentId()), FORMAT.encode(agent));
        return mirror(pool, agent);
    }

    /** Removes the agent from the pool; returns its record, or null when it was not a member. */
    AgentRecord remove(String pool, String agentId) {
        Map<String, Member> members = byPool.get(pool);
        Member previous = members == null ? null : members.remove(agentId);
        if (previous == null) {
            return null;
        }
        store.delete(Keys.of(pool, agentId));
        if (members.isEmpty()) {
            byPool.remove(pool);
        }
        return previous.record();
    }

    /** Updates the member in place (or adds it); returns its previous record, or null. */
    private AgentRecord mirror(String pool, AgentRecord agent) {
        Map<String, Member> members = byPool.computeIfAbsent(pool, p -> new HashMap<>());
        Member member = members.get(agent.getAgentId());
        if (member == null) {
            members.put(agent.getAgentId(), new Member(agent));
            return null;
        }
        AgentRecord previous = member.record();
        member.set(agent);
        return previous;
    }
}
