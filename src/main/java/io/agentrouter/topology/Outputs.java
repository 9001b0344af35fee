package io.agentrouter.topology;

import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.internal.PoolEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Wires a processor's output by kind into named sinks, one per topic it writes, and pool-event streams. */
final class Outputs {

    private Outputs() {
    }

    /**
     * The kinds of output a stage can produce: one per {@link Emit} record, each sent by one
     * {@link Emitter} method.
     */
    enum Kind {
        DECISIONS, ASSIGNMENTS, REGISTRY, PERFORMANCE, DEAD_LETTERS, HAND_OFFS, POOL_EVENTS, IN_PLACE;

        String label() {
            return name().toLowerCase().replace('_', '-');
        }

        /** Pool events stay in the topology; every other kind goes to a topic. */
        boolean internal() {
            return this == POOL_EVENTS || this == IN_PLACE;
        }

        PoolEvent poolEvent(Emit emit) {
            return emit instanceof Emit.ToPool p ? p.value() : ((Emit.InPlace) emit).value();
        }
    }

    /**
     * Gives each kind the stage emits one child node: for a topic, the sink {@code <stage>-to-<kind>},
     * which writes the value an Emit carries (a dead letter first passes {@code <stage>-to-dead-letters-key},
     * which puts back its original key); for pool events, a {@code <stage>-<kind>} step whose stream is
     * returned (for the repartition, or in place). The stage's {@link Emitter} forwards each record to
     * its kind's child by name, so the kinds wired here must be those the stage emits (its {@code OUTPUTS}).
     */
    static Map<Kind, KStream<String, PoolEvent>> wire(KStream<String, Emit> stream, String stage, Topics topics,
                                                      Topic<String, PoolEvent> handOffs, List<Kind> kinds) {
        Map<Kind, KStream<String, PoolEvent>> events = new EnumMap<>(Kind.class);
        for (Kind kind : kinds) {
            if (kind.internal()) {
                events.put(kind, stream.mapValues(kind::poolEvent, Named.as(child(stage, kind))));
            } else {
                sink(stream, stage, kind, topics, handOffs);
            }
        }
        return events;
    }

    /** The name of the node that takes the stage's records of this kind. */
    static String child(String stage, Kind kind) {
        if (kind.internal()) {
            return stage + "-" + kind.label();
        }
        return kind == Kind.DEAD_LETTERS ? sinkName(stage, kind) + "-key" : sinkName(stage, kind);
    }

    private static String sinkName(String stage, Kind kind) {
        return stage + "-to-" + kind.label();
    }

    private static void sink(KStream<String, Emit> stream, String stage, Kind kind, Topics topics,
                             Topic<String, PoolEvent> handOffs) {
        String name = sinkName(stage, kind);
        switch (kind) {
            case DECISIONS -> to(stream, topics.decisions(), topics.decisionWriter(),
                    v -> ((Emit.ToDecisions) v).value(), name);
            case ASSIGNMENTS -> to(stream, topics.assignments(), topics.assignments().valueSerde(),
                    v -> ((Emit.ToAssignments) v).value(), name);
            case REGISTRY -> to(stream, topics.registry(), topics.registry().valueSerde(),
                    v -> ((Emit.ToRegistry) v).value(), name);
            case PERFORMANCE -> to(stream, topics.performance(), topics.performanceWriter(),
                    v -> ((Emit.ToPerformance) v).value(), name);
            case HAND_OFFS -> stream.to(handOffs.name(), TopicStreams.producedAs(handOffs,
                    writer(handOffs.valueSerde(), v -> ((Emit.ToHandOffs) v).value()), name)
                    .withStreamPartitioner(InternalTopics.byPool()));
            case DEAD_LETTERS -> stream.map((k, v) -> KeyValue.pair(((Emit.DeadLetter) v).key(),
                            ((Emit.DeadLetter) v).value()), Named.as(child(stage, kind)))
                    .to(topics.deadLetters().name(), TopicStreams.produced(topics.deadLetters(), name));
            case POOL_EVENTS, IN_PLACE -> throw new IllegalArgumentException("pool events stay in the topology");
        }
    }

    /** A sink that writes the value each Emit carries with the topic's writer (sinks never read). */
    private static <V> void to(KStream<String, Emit> stream, Topic<String, ?> topic, Serde<V> writer,
                               Function<Emit, V> value, String name) {
        stream.to(topic.name(), TopicStreams.producedAs(topic, writer(writer, value), name));
    }

    private static <V> Serde<Emit> writer(Serde<V> writer, Function<Emit, V> value) {
        Serializer<V> values = writer.serializer();
        return Serdes.serdeFrom((t, emit) -> values.serialize(t, value.apply(emit)), (t, bytes) -> {
            throw new UnsupportedOperationException("a sink's serde only writes");
        });
    }
}
