package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.internal.OpenTask;
import io.agentrouter.serde.AvroSerde;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
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
    public static final String AGENT_PERFORMANCE = "agent-performance";
    public static final String POOL_MEMBERS = "pool-members";
    public static final String POOL_CAPABILITY_INDEX = "pool-capability-index";
    public static final String POOL_PERFORMANCE = "pool-performance";
    public static final String POOL_LOAD = "pool-load";
    public static final String OPEN_TASKS = "open-tasks";

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

    static StoreBuilder<KeyValueStore<String, AgentRecord>> poolMembers() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(POOL_MEMBERS), Serdes.String(),
                AvroSerde.of(AgentRecord.class));
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> poolCapabilityIndex() {
        return marker(POOL_CAPABILITY_INDEX);
    }

    /** AgentPerformance rows, kept encoded (by PerformanceMirror): the bytes also go to the agent-performance topic. */
    static StoreBuilder<KeyValueStore<String, byte[]>> poolPerformance() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(POOL_PERFORMANCE), Serdes.String(),
                Serdes.ByteArray());
    }

    /** Two load windows of decisions (so late tasks still count the hour before them); segments drop whole. */
    static StoreBuilder<WindowStore<String, byte[]>> poolLoad(RouterConfig config) {
        var keep = config.get(Setting.LOAD_WINDOW).multipliedBy(2);
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(POOL_LOAD, keep, Duration.ofMillis(1), true),
                Serdes.String(), Serdes.ByteArray());
    }

    static StoreBuilder<KeyValueStore<String, OpenTask>> openTasks() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_TASKS), Serdes.String(),
                AvroSerde.of(OpenTask.class));
    }

    /** A store used as a sorted set: the key is everything, the value is empty. */
    private static StoreBuilder<KeyValueStore<String, byte[]>> marker(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TASK_DEDUP, "task_id -> first event time, windowed by routing.task_dedup_retention (RocksDB), kept "
                + "by the pool router: a task id seen again in the partition's pools within the retention is "
                + "dead-lettered.");
        d.put(AGENT_REGISTRY, "agent_id -> AgentRecord: the agent registry (queryable). Latest heartbeat and its "
                + "time; status OFFLINE when the agent says so or its heartbeats stop for the TTL.");
        d.put(AGENT_PERFORMANCE, "agent_id/work_type -> AgentPerformance: the performance KTable (queryable), "
                + "materialized from the agent-performance topic the pool router writes from accepted outcomes.");
        d.put(POOL_MEMBERS, "pool NUL agent_id -> AgentRecord: the pool-local copy of the registry, "
                + "updated by every heartbeat.");
        d.put(POOL_CAPABILITY_INDEX, "pool NUL work_type NUL agent_id -> (empty): which agents of a pool can do a "
                + "work type. Rewritten only when capabilities change; the pool router mirrors it (and pool-members and "
                + "pool-performance) in memory when its task starts, so a task reads exactly the capable agents and no store.");
        d.put(POOL_PERFORMANCE, "agent_id NUL work_type -> AgentPerformance: the source of truth for scoring, "
                + "updated by accepted outcomes in the same task that routes, so a replay scores the same.");
        d.put(POOL_LOAD, "agent_id at decision time -> decision_id, windowed by two load windows (RocksDB, duplicates "
                + "kept, old segments drop whole): the ASSIGNED decisions per agent; counted from an in-memory sorted "
                + "list read back from here after a restore (the load count of the score).");
        d.put(OPEN_TASKS, "task_id -> OpenTask: the current attempt of every assigned, unfinished task; the trust "
                + "check of outcomes reads it. Mirrored in memory with indexes by deadline and by agent (for timeouts "
                + "and for re-routing an agent's work), rebuilt from it when the task starts.");
        return Map.copyOf(d);
    }
}
