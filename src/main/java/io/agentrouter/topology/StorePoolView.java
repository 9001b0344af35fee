package io.agentrouter.topology;

import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.routing.AgentSnapshot;
import io.agentrouter.routing.PerformanceStats;
import io.agentrouter.routing.PoolView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The routing engine's view of one pool, answered from the pool router's stores. */
final class StorePoolView implements PoolView {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final PoolStores stores;
    private final String pool;

    StorePoolView(PoolStores stores, String pool) {
        this.stores = stores;
        this.pool = pool;
    }

    @Override
    public List<AgentSnapshot> capableAgents(String workType) {
        Collection<String> agentIds = stores.capabilityIndex().agents(pool, workType);
        List<AgentSnapshot> capable = new ArrayList<>(agentIds.size());
        for (String agentId : agentIds) {
            AgentRecord member = stores.members().get(Keys.of(pool, agentId));
            if (member != null) {
                capable.add(snapshot(member));
            }
        }
        return capable;
    }

    @Override
    public boolean hasMembers() {
        try (KeyValueIterator<String, AgentRecord> members = stores.members().store().prefixScan(Keys.prefix(pool), KEYS)) {
            return members.hasNext();
        }
    }

    @Override
    public boolean hasAliveMember(Instant aliveSince) {
        try (KeyValueIterator<String, AgentRecord> members = stores.members().store().prefixScan(Keys.prefix(pool), KEYS)) {
            while (members.hasNext()) {
                if (snapshot(members.next().value).aliveAt(aliveSince)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public PerformanceStats performance(String agentId, String workType) {
        AgentPerformance p = stores.performance().get(Keys.of(agentId, workType));
        return p == null ? PerformanceStats.NONE
                : new PerformanceStats(p.getSuccessCount(), p.getFailureCount(), p.getLastExecutionAt());
    }

    @Override
    public int load(String agentId, Instant from, Instant to) {
        return stores.load().count(agentId, from.toEpochMilli(), to.toEpochMilli());
    }

    static AgentSnapshot snapshot(AgentRecord agent) {
        return new AgentSnapshot(agent.getAgentId(), agent.getStatus(), agent.getLastHeartbeatAt(),
                agent.getCapabilities(), agent.getSpecializations());
    }

    /** The pool router's stores, fetched once at init. */
    record PoolStores(CachedStore<AgentRecord> members,
                      CapabilityIndex capabilityIndex,
                      CachedStore<AgentPerformance> performance,
                      LoadIndex load) {
    }
}
