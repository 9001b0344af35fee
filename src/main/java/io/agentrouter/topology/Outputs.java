package io.agentrouter.topology;

import io.agentrouter.model.internal.PoolEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Splits a processor's output by kind into named sinks, one per topic it writes. */
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
     * Sends each kind the stage emits to its topic through a sink named {@code <stage>-to-<kind>},
     * and returns the streams of pool events among the kinds (for the repartition, or in place).
     */
    static Map<Kind, KStream<String, PoolEvent>> split(KStream<String, Emit> stream, String stage, Topics topics,
                                                       List<Kind> kinds) {
        BranchedKStream<String, Emit> branches = stream.split(Named.as(stage + "-split-"));
        for (Kind kind : kinds) {
            String name = stage + "-to-" + kind.label();
            if (kind.internal()) {
                branches.branch((k, v) -> kind.type.isInstance(v), Branched.as(kind.label()));
            } else {
                branches.branch((k, v) -> kind.type.isInstance(v),
                        Branched.withConsumer(s -> sink(s, kind, name, topics), kind.label()));
            }
        }
        Map<String, KStream<String, Emit>> rest = branches.noDefaultBranch();
        Map<Kind, KStream<String, PoolEvent>> events = new EnumMap<>(Kind.class);
        for (Kind kind : kinds) {
            if (kind.internal()) {
                events.put(kind, rest.get(stage + "-split-" + kind.label())
                        .mapValues(kind::poolEvent, Named.as(stage + "-" + kind.label())));
            }
        }
        return events;
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
