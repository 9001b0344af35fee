package io.agentrouter.topology;

import io.agentrouter.routing.AgentSnapshot;
import io.agentrouter.routing.PerformanceStats;
import io.agentrouter.routing.PoolView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The routing engine's view of one pool for one decision, answered from the pool router's state. */
final class StorePoolView implements PoolView {

    private final PoolStores stores;
    private final String pool;
    private String performanceWorkType;
    private Map<String, PerformanceMirror.Row> performanceOfWorkType;

    StorePoolView(PoolStores stores, String pool) {
        this.stores = stores;
        this.pool = pool;
    }

    @Override
    public List<AgentSnapshot> capableAgents(String workType) {
        Collection<String> agentIds = stores.capabilityIndex().agents(pool, workType);
        Map<String, PoolMembers.Member> members = stores.members().of(pool);
        List<AgentSnapshot> capable = new ArrayList<>(agentIds.size());
        for (String agentId : agentIds) {
            PoolMembers.Member member = members.get(agentId);
            if (member != null) {
                capable.add(member.snapshot());
            }
        }
        return capable;
    }

    @Override
    public boolean hasMembers() {
        return !stores.members().of(pool).isEmpty();
    }

    @Override
    public boolean hasAliveMember(Instant aliveSince) {
        for (PoolMembers.Member member : stores.members().of(pool).values()) {
            if (member.snapshot().aliveAt(aliveSince)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PerformanceStats performance(String agentId, String workType) {
        if (!workType.equals(performanceWorkType)) { // one work type per decision: look it up once
            performanceWorkType = workType;
            performanceOfWorkType = stores.performance().of(workType);
        }
        PerformanceMirror.Row row = performanceOfWorkType.get(agentId);
        return row == null ? PerformanceStats.NONE : row.stats();
    }

    @Override
    public int load(String agentId, Instant from, Instant to) {
        return stores.load().count(agentId, from.toEpochMilli(), to.toEpochMilli());
    }

    /** The pool router's state, made once at init. */
    record PoolStores(PoolMembers members, CapabilityIndex capabilityIndex, PerformanceMirror performance,
                      LoadIndex load) {
    }
}
