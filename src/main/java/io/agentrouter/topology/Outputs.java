package io.agentrouter.topology;

import io.agentrouter.model.internal.PoolEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Wires a processor's output by kind into named sinks, one per topic it writes, and pool-event streams. */
final class Outputs {

    private Outputs() {
    }

    /** The kinds of output a stage can produce. */
    enum Kind {
        DECISIONS(Emit.ToDecisions.class),
        ASSIGNMENTS(Emit.ToAssignments.class),
        REGISTRY(Emit.ToRegistry.class),
        PERFORMANCE(Emit.ToPerformance.class),
        DEAD_LETTERS(Emit.DeadLetter.class),
        POOL_EVENTS(Emit.ToPool.class),
        IN_PLACE(Emit.InPlace.class);

        final Class<? extends Emit> type;

        Kind(Class<? extends Emit> type) {
            this.type = type;
        }

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
     * Gives each kind the stage emits one child node: for a topic, a {@code <stage>-to-<kind>-value} step
     * into the sink {@code <stage>-to-<kind>}; for pool events, a {@code <stage>-<kind>} step whose stream
     * is returned (for the repartition, or in place). The stage's {@link Emitter} forwards each record
     * to its kind's child by name, so no record passes a split that tests it against every kind.
     */
    static Map<Kind, KStream<String, PoolEvent>> wire(KStream<String, Emit> stream, String stage, Topics topics,
                                                      List<Kind> kinds) {
        Map<Kind, KStream<String, PoolEvent>> events = new EnumMap<>(Kind.class);
        for (Kind kind : kinds) {
            if (kind.internal()) {
                events.put(kind, stream.mapValues(kind::poolEvent, Named.as(child(stage, kind))));
            } else {
                sink(stream, kind, stage + "-to-" + kind.label(), topics);
            }
        }
        return events;
    }

    /** The name of the node that takes the stage's records of this kind. */
    static String child(String stage, Kind kind) {
        return kind.internal() ? stage + "-" + kind.label() : stage + "-to-" + kind.label() + "-value";
    }

    private static void sink(KStream<String, Emit> stream, Kind kind, String name, Topics topics) {
        switch (kind) {
            case DECISIONS -> stream.mapValues(v -> ((Emit.ToDecisions) v).value(), Named.as(name + "-value"))
                    .to(topics.decisions().name(), topics.decisionsFromRouter(name));
            case ASSIGNMENTS -> stream.mapValues(v -> ((Emit.ToAssignments) v).value(), Named.as(name + "-value"))
                    .to(topics.assignments().name(), topics.assignments().produced(name));
            case REGISTRY -> stream.mapValues(v -> ((Emit.ToRegistry) v).value(), Named.as(name + "-value"))
                    .to(topics.registry().name(), topics.registry().produced(name));
            case PERFORMANCE -> stream.mapValues(v -> ((Emit.ToPerformance) v).value(), Named.as(name + "-value"))
                    .to(topics.performance().name(), topics.performanceFromRouter(name));
            case DEAD_LETTERS -> stream.map((k, v) -> KeyValue.pair(((Emit.DeadLetter) v).key(),
                            ((Emit.DeadLetter) v).value()), Named.as(name + "-value"))
                    .to(topics.deadLetters().name(), topics.deadLetters().produced(name));
            case POOL_EVENTS, IN_PLACE -> throw new IllegalArgumentException("pool events stay in the topology");
        }
    }
}
