package io.agentrouter.topology;

import io.agentrouter.routing.CapableAgent;
import io.agentrouter.routing.PoolView;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The routing engine's view of one pool for one decision, answered from the pool router's state. */
final class StorePoolView implements PoolView {

    private final PoolStores stores;
    private final String pool;

    StorePoolView(PoolStores stores, String pool) {
        this.stores = stores;
        this.pool = pool;
    }

    @Override
    public Collection<? extends CapableAgent> capableAgents(String workType) {
        return stores.capabilityIndex().agents(pool, workType);
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

    /** The pool router's state, made once at init. */
    record PoolStores(PoolMembers members, CapabilityIndex capabilityIndex, PerformanceMirror performance,
                      LoadIndex load) {

        /** Loads the mirrors from their stores, the members before the capability index that links to them. */
        static PoolStores open(ProcessorContext<?, ?> context, long loadKeepMs) {
            KeyValueStore<String, byte[]> state = context.getStateStore(RouterStores.POOL_STATE);
            PoolMembers members = new PoolMembers(KeySpace.of(state, KeySpace.Kind.MEMBER));
            PerformanceMirror performance = new PerformanceMirror(KeySpace.of(state, KeySpace.Kind.PERFORMANCE));
            LoadIndex load = new LoadIndex(context.getStateStore(RouterStores.POOL_LOAD), loadKeepMs);
            CapabilityIndex capabilities = new CapabilityIndex(KeySpace.of(state, KeySpace.Kind.CAPABLE), members,
                    performance, load);
            return new PoolStores(members, capabilities, performance, load);
        }
    }
}
