package io.agentrouter.routing;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToIntBiFunction;

/**
 * An agent of the pool that can do the task's work type, with what its score needs. The router's
 * view links each one to its member record and performance when its capabilities change, and to its
 * load times at its first count (read back from the store after a restore), so a decision reads its
 * candidates without a lookup per candidate.
 */
public interface CapableAgent {

    AgentSnapshot snapshot();

    /** Its accepted performance at the work type it was found for. */
    PerformanceStats performance();

    /** ASSIGNED decisions to it with decision time in [from, to]. */
    int load(Instant from, Instant to);

    /** A capable agent whose inputs are looked up when asked (the score command, the SQL baselines). */
    static CapableAgent lookedUp(AgentSnapshot snapshot, Supplier<PerformanceStats> performance,
                                 ToIntBiFunction<Instant, Instant> load) {
        return new CapableAgent() {
            @Override
            public AgentSnapshot snapshot() {
                return snapshot;
            }

            @Override
            public PerformanceStats performance() {
                return performance.get();
            }

            @Override
            public int load(Instant from, Instant to) {
                return load.applyAsInt(from, to);
            }
        };
    }
}
