package io.agentrouter.topology;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Whether this instance has read its input partitions up to the end of their logs: what the
 * wall-clock timers need to tell a silent agent from a router that is behind (ROUTING.md "Clocks").
 * A running router passes its own under {@link #CONFIG}; without one (TopologyTestDriver, where
 * every record is processed as it is piped) the router is always caught up.
 */
interface InputProgress {

    /** The Streams property that carries the instance's progress to its processors. */
    String CONFIG = "agent.router.input.progress";

    /** Always caught up. */
    InputProgress ALWAYS = (topic, partition) -> true;

    /**
     * Whether every partition this instance reads of the topics that {@code topic} accepts has been
     * read to its end; with {@code partition} not -1, only that one, which must have been read at all.
     */
    boolean caughtUp(Predicate<String> topic, int partition);

    static InputProgress of(ProcessorContext<?, ?> context) {
        return context.appConfigs().get(CONFIG) instanceof InputProgress progress ? progress : ALWAYS;
    }

    /**
     * The last wall-clock time the inputs were caught up (H or O of ROUTING.md "Clocks"), sampled at
     * each timer tick; unknown (the earliest time) until two ticks in a row find them caught up. A
     * sample of a running instance counts only once the next one agrees: records fetched by then may
     * still wait in the task's buffer, and by the next tick the thread has been through them.
     */
    final class CaughtUpClock {
        private final BooleanSupplier caughtUp;
        private final boolean buffered;
        private long caughtUpAt = Long.MIN_VALUE;
        private long lastSampleAt = Long.MIN_VALUE;

        /** {@code caughtUp}: whether the inputs this clock follows, by {@code progress}, are read to their end. */
        CaughtUpClock(InputProgress progress, BooleanSupplier caughtUp) {
            this.caughtUp = caughtUp;
            this.buffered = progress != ALWAYS;
        }

        /** Samples the inputs at wall-clock time {@code now}; returns min(now, last caught-up time). */
        long tick(long now) {
            if (caughtUp.getAsBoolean()) {
                if (!buffered) {
                    caughtUpAt = now;
                } else if (lastSampleAt != Long.MIN_VALUE) {
                    caughtUpAt = lastSampleAt;
                }
                lastSampleAt = now;
            } else {
                lastSampleAt = Long.MIN_VALUE;
            }
            return Math.min(now, caughtUpAt);
        }
    }
}
