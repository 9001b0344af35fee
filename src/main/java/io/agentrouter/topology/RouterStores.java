package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.serde.AvroSerde;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The router's state stores: names, serdes and what each holds. Stores sized by the fleet or by
 * tasks in flight are in memory (restored from their changelogs); the task-id history and the load
 * entries, sized by time, are RocksDB window stores whose old segments drop by themselves.
 */
public final class RouterStores {

    public static final String TASK_DEDUP = "task-dedup";
    public static final String AGENT_REGISTRY = "agent-registry";
    public static final String AGENT_MEMBERSHIP = "agent-membership";
    public static final String AGENT_PERFORMANCE = "agent-performance";
    public static final String POOL_STATE = "pool-state";
    public static final String POOL_LOAD = "agent-load";

    /** What each store holds, for the generated topology docs. */
    public static final Map<String, String> DESCRIPTIONS = descriptions();

    private RouterStores() {
    }

    static StoreBuilder<WindowStore<String, Long>> taskDedup(RouterConfig config) {
        var retention = config.get(Setting.TASK_DEDUP_RETENTION);
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(TASK_DEDUP, retention, retention, false),
                Serdes.String(), Serdes.Long());
    }

    static StoreBuilder<KeyValueStore<String, AgentRecord>> agentRegistry() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AGENT_REGISTRY), Serdes.String(),
                AvroSerde.of(AgentRecord.class));
    }

    static StoreBuilder<KeyValueStore<String, String>> agentMembership() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AGENT_MEMBERSHIP), Serdes.String(),
                Serdes.String());
    }

    /** The pool router's members, capability index, performance and open attempts: one kind per {@link KeySpace}. */
    static StoreBuilder<KeyValueStore<String, byte[]>> poolState() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(POOL_STATE), Serdes.String(),
                Serdes.ByteArray());
    }

    /** Each agent's decisions for two load windows behind its newest (so late tasks still count the hour before them). */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> poolLoad() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POOL_LOAD), Serdes.Bytes(),
                Serdes.ByteArray());
    }

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TASK_DEDUP, "task_id -> first event time, windowed by routing.task_dedup_retention (RocksDB), kept "
                + "by the pool router: a task id seen again in the partition's pools within the retention is "
                + "dead-lettered.");
        d.put(AGENT_REGISTRY, "agent_id -> AgentRecord: the agent registry (queryable). Latest heartbeat and its "
                + "time; status OFFLINE when the agent says so or its heartbeats stop for the TTL.");
        d.put(AGENT_MEMBERSHIP, "agent_id -> epoch NUL pool: the agent's latest pool membership, kept after it "
                + "deregisters, so that the pool it joins next gets its performance and load from the pool it was last "
                + "in (epoch counts those hand-offs per agent).");
        d.put(AGENT_PERFORMANCE, "agent_id/work_type -> AgentPerformance, kept as the topic's encoded row: the "
                + "performance KTable (queryable; decode values with the topic's serde), materialized from the "
                + "agent-performance topic the pool router writes from accepted outcomes.");
        d.put(POOL_STATE, "The pool router's state in memory, one store so that a transaction writes one changelog "
                + "partition for it; keys start with their kind. member NUL pool NUL agent_id -> AgentRecord: the "
                + "pool-local copy of the registry, updated by every heartbeat. capable NUL pool NUL work_type NUL "
                + "agent_id -> (empty): which agents of a pool can do a work type, rewritten only when capabilities "
                + "change. performance NUL agent_id NUL work_type -> AgentPerformance: the source of truth for "
                + "scoring, updated by accepted outcomes in the same task that routes, so a replay scores the same. "
                + "open-task NUL task_id -> OpenTask: the current attempt of every assigned, unfinished task, which "
                + "the trust check of outcomes reads. transit NUL agent_id NUL epoch -> AgentTransit: an "
                + "agent that joined from another pool and waits for its hand-off (not yet a member), or a hand-off that "
                + "came before its join. held NUL task_id -> HeldTask: an attempt that found no alive agent while "
                + "the heartbeats up to its time had not all been read, routed again once they have. The pool router mirrors each kind in memory when its task "
                + "starts (open attempts with indexes by deadline and by agent), so a task reads exactly its capable "
                + "agents and no store.");
        d.put(POOL_LOAD, "agent_id NUL decision time -> how many ASSIGNED decisions the agent had then (RocksDB), kept for "
                + "two load windows behind the agent's newest decision and deleted when it falls behind, so a restore "
                + "reads back exactly what the live count used: the load count of the score, counted from an "
                + "in-memory sorted list per agent.");
        return Map.copyOf(d);
    }
}
