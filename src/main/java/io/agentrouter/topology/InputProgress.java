package io.agentrouter.topology;

import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * When this instance last had its input partitions processed up to the end of their logs: what the
 * wall-clock timers need to tell a silent agent from a router that is behind (ROUTING.md "Clocks").
 * A running router passes its own under {@link #CONFIG}; without one (TopologyTestDriver, where
 * every record is processed as it is piped) the router is always caught up.
 */
interface InputProgress {

    /** The Streams property that carries the instance's progress to its processors. */
    String CONFIG = "agent.router.input.progress";

    /** Always caught up. */
    InputProgress ALWAYS = (topic, partition, now) -> now;

    /**
     * The latest wall-clock time at which every partition this instance reads of the topics that
     * {@code topic} accepts (only partition {@code partition} of them when it is not -1, and then it must
     * be one this instance reads) had been processed to its end; the earliest time when not known.
     */
    long caughtUpAt(Predicate<String> topic, int partition, long now);

    static InputProgress of(ProcessorContext<?, ?> context) {
        return context.appConfigs().get(CONFIG) instanceof InputProgress progress ? progress : ALWAYS;
    }

    /** H or O of ROUTING.md "Clocks": the last caught-up time seen, never later than now. */
    final class CaughtUpClock {
        private final LongUnaryOperator caughtUpAt;
        private long caughtUp = Long.MIN_VALUE;

        /** {@code caughtUpAt}: the caught-up time of the inputs it follows, asked at a wall-clock time. */
        CaughtUpClock(LongUnaryOperator caughtUpAt) {
            this.caughtUpAt = caughtUpAt;
        }

        /** Samples at wall-clock time {@code now}; returns min(now, last caught-up time). */
        long tick(long now) {
            caughtUp = Math.max(caughtUp, caughtUpAt.applyAsLong(now));
            return Math.min(now, caughtUp);
        }
    }
}
