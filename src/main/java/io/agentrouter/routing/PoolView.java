package io.agentrouter.routing;

import java.time.Instant;
import java.util.Collection;

/**
 * What the routing engine may ask about one pool. The topology answers from its pool-local state,
 * the {@code score} command from a scenario file. Implementations keep the per-task cost
 * proportional to the capable agents: {@link #capableAgents} is an index read, and the two pool-wide
 * questions are asked only when no capable agent is alive (the rejection path).
 */
public interface PoolView {

    /** Agents of the pool whose capabilities include the work type (cheapest to rank in agent-id order). */
    Collection<? extends CapableAgent> capableAgents(String workType);

    /** Whether any agent is registered in the pool. */
    boolean hasMembers();

    /** Whether any agent of the pool is ONLINE or BUSY with a heartbeat at or after the instant. */
    boolean hasAliveMember(Instant aliveSince);
}
