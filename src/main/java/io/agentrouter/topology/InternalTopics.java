package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topic;
import io.agentrouter.model.internal.PoolEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** The router's own topics, keyed by pool and partitioned by {@link PoolPlacement}. */
public final class InternalTopics {

    /** The repartition topic that brings everything about one pool to one task (name without prefix). */
    public static final Topic<String, PoolEvent> POOL_EVENTS = new Topic<>("pool-events", Serdes.String(),
            PoolEvents.SERDE,
            "Internal repartition topic keyed by pool: new tasks, agent changes and outcomes for the pool router.");

    /** The suffix of the application's hand-off topic, {@code <application.id>-agent-handoffs}. */
    public static final String HAND_OFFS_SUFFIX = "-agent-handoffs";

    private InternalTopics() {
    }

    /** An agent's performance and load on their way from the pool it left to the pool it joined. */
    public static Topic<String, PoolEvent> handOffs(RouterConfig config) {
        return new Topic<>(config.get(Setting.APPLICATION_ID) + HAND_OFFS_SUFFIX, Serdes.String(), PoolEvents.SERDE,
                "Internal to the application, keyed by pool and partitioned like pool-events: an agent's performance "
                        + "and load, sent by the pool it left to the pool it joined.");
    }

    /**
     * The application's own topics that Kafka Streams does not create: the router creates them at start-up
     * like its changelogs, with the pool-events partition count, whatever {@code topics.create} says.
     */
    public static List<Topic<?, ?>> created(RouterConfig config) {
        return List.of(handOffs(config));
    }

    /** The repartition topic's full name. */
    static String poolEventsName(RouterConfig config) {
        return config.get(Setting.APPLICATION_ID) + "-" + POOL_EVENTS.name() + "-repartition";
    }

    /** The placement rule as a partitioner of records keyed by pool (pool-events, agent-handoffs). */
    static <V> StreamPartitioner<String, V> byPool() {
        return (topic, pool, value, partitions) -> Optional.of(Set.of(PoolPlacement.partitionOf(pool, partitions)));
    }
}
