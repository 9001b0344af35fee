package io.agentrouter.routing;

import java.time.Instant;
import java.util.List;

/**
 * What the routing engine may ask about one pool. The topology answers from its pool-local stores,
 * the {@code score} command from a scenario file. Implementations keep the per-task cost
 * proportional to the capable agents: {@link #capableAgents} is an index read, and the two pool-wide
 * questions are asked only when no capable agent is alive (the rejection path).
 */
public interface PoolView {

    /** Agents of the pool whose capabilities include the work type. */
    List<AgentSnapshot> capableAgents(String workType);

    /** Whether any agent is registered in the pool. */
    boolean hasMembers();

    /** Whether any agent of the pool is ONLINE or BUSY with a heartbeat at or after the instant. */
    boolean hasAliveMember(Instant aliveSince);

    PerformanceStats performance(String agentId, String workType);

    /** ASSIGNED decisions to the agent with decision time in [from, to]. */
    int load(String agentId, Instant from, Instant to);
}
