package io.agentrouter.topology;

import static io.agentrouter.topology.Outputs.Kind.IN_PLACE;
import static io.agentrouter.topology.Outputs.Kind.POOL_EVENTS;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.internal.PoolEvent;
import io.agentrouter.topology.Outputs.Kind;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The router's topology, built by one pure function of (StreamsBuilder, config) that production,
 * tests and the docs generator share.
 *
 * <pre>
 * tasks ─────────► task-intake ──── on the pool's partition ─────┐  ┌─► routing-decisions
 * task-outcomes ──► outcome-intake ── on the pool's partition ─────┤  │
 *                     (either, elsewhere) ─┐                       ▼  │
 * agent-heartbeats ► agent-registry ───────┴► pool-events ───► pool-router ─► assignments
 *                      └─► agent-registry topic   (by pool)      ▲    ├─► agent-performance ─► performance KTable
 *                                                                │    ├─► router-dlq
 *                                           agent-handoffs ◄─────┴────┘ (an agent's state, to the pool it joined)
 * </pre>
 */
public final class RouterTopology {

    private RouterTopology() {
    }

    public static void build(StreamsBuilder builder, RouterConfig config) {
        Topics topics = Topics.from(config);
        Topic<String, PoolEvent> handOffTopic = InternalTopics.handOffs(config);
        builder.addStateStore(RouterStores.taskDedup(config));
        builder.addStateStore(RouterStores.agentRegistry());
        builder.addStateStore(RouterStores.agentMembership());
        builder.addStateStore(RouterStores.poolState());
        builder.addStateStore(RouterStores.poolLoad());

        KStream<String, Emit> taskIntake = builder
                .stream(topics.tasks().name(), TopicStreams.consumedRaw("tasks-source"))
                .process(() -> new TaskIntake(config, topics), Named.as(TaskIntake.STAGE));
        Map<Kind, KStream<String, PoolEvent>> newTasks = Outputs.wire(taskIntake, TaskIntake.STAGE, topics, handOffTopic,
                TaskIntake.OUTPUTS);

        KStream<String, Emit> outcomeIntake = builder
                .stream(topics.outcomes().name(), TopicStreams.consumedRaw("outcomes-source"))
                .process(() -> new OutcomeIntake(config, topics), Named.as(OutcomeIntake.STAGE));
        Map<Kind, KStream<String, PoolEvent>> outcomes = Outputs.wire(outcomeIntake, OutcomeIntake.STAGE, topics, handOffTopic,
                OutcomeIntake.OUTPUTS);

        KStream<String, Emit> registry = builder
                .stream(topics.heartbeats().name(), TopicStreams.consumedRaw("heartbeats-source"))
                .process(() -> new AgentRegistryProcessor(config, topics),
                        Named.as(AgentRegistryProcessor.STAGE + "-processor"), RouterStores.AGENT_REGISTRY,
                        RouterStores.AGENT_MEMBERSHIP);
        KStream<String, PoolEvent> agentChanges = Outputs.wire(registry, AgentRegistryProcessor.STAGE, topics, handOffTopic,
                AgentRegistryProcessor.OUTPUTS).get(POOL_EVENTS);

        // Tasks and outcomes produced to their pool's partition reach the router in place; the rest,
        // and every agent change, travel by pool. All inputs then share one sub-topology, so
        // pool-events has a fixed partition count and partitioner (PoolPlacement). The pool router's
        // own hand-offs (an agent's performance and load, for the pool it joined) come back to it by
        // the agent-handoffs topic, partitioned the same way.
        KStream<String, PoolEvent> handOffs = builder.stream(handOffTopic.name(),
                TopicStreams.consumed(handOffTopic, "hand-offs-source"));
        KStream<String, Emit> router = newTasks.get(POOL_EVENTS)
                .merge(outcomes.get(POOL_EVENTS), Named.as("merge-outcomes"))
                .merge(agentChanges, Named.as("merge-agent-changes"))
                .repartition(Repartitioned.<String, PoolEvent>as(InternalTopics.POOL_EVENTS.name())
                        .withKeySerde(InternalTopics.POOL_EVENTS.keySerde())
                        .withValueSerde(InternalTopics.POOL_EVENTS.valueSerde())
                        .withNumberOfPartitions(config.get(Setting.PARTITIONS))
                        .withStreamPartitioner(InternalTopics.byPool()))
                .merge(handOffs, Named.as("merge-hand-offs"))
                .merge(newTasks.get(IN_PLACE), Named.as("merge-tasks-in-place"))
                .merge(outcomes.get(IN_PLACE), Named.as("merge-outcomes-in-place"))
                .process(() -> new PoolRouter(config, topics), Named.as(PoolRouter.STAGE), RouterStores.TASK_DEDUP,
                        RouterStores.POOL_STATE, RouterStores.POOL_LOAD);
        Outputs.wire(router, PoolRouter.STAGE, topics, handOffTopic, PoolRouter.OUTPUTS);

        // The performance KTable: queryable per (agent, work type), fed only by accepted outcomes. Its values
        // stay the topic's encoded rows (readers decode them with the topic's serde): decoding each row only to
        // encode it again for the store cost the stream thread per outcome.
        builder.table(topics.performance().name(), TopicStreams.consumedEncoded(topics.performance(), "performance-table"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(RouterStores.AGENT_PERFORMANCE)
                        .withKeySerde(topics.performance().keySerde())
                        .withValueSerde(Serdes.ByteArray()));
    }

    /** The topology for the given Streams properties (which carry the naming enforcement). */
    public static Topology topology(RouterConfig config, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        build(builder, config);
        return builder.build(streamsProperties);
    }
}
