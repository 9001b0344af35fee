package io.agentrouter.routing;

import io.agentrouter.model.AgentStatus;
import java.time.Instant;
import java.util.List;

/** An agent as the router sees it at decision time. */
public record AgentSnapshot(String agentId, AgentStatus status, Instant lastHeartbeatAt, List<String> capabilities,
                            List<String> specializations) {

    /** Alive at T: ONLINE or BUSY, and {@code T - ttl <= lastHeartbeatAt}. */
    public boolean aliveAt(Instant aliveSince) {
        return status != AgentStatus.OFFLINE && !lastHeartbeatAt.isBefore(aliveSince);
    }
}
