package io.agentrouter.topology;

import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.internal.PoolEvent;
import io.agentrouter.routing.AuditEntry;

/**
 * What a processor sends downstream. Each kind goes to exactly one topic or pool-event stream; the
 * processor's {@link Emitter} forwards it to the child node wired for its kind.
 */
sealed interface Emit {

    /** Encoded into a RoutingDecision by the sink, straight from the routing result. */
    record ToDecisions(AuditEntry value) implements Emit {
    }

    record ToAssignments(Assignment value) implements Emit {
    }

    /** For the pool's partition, through the pool-events topic. */
    record ToPool(PoolEvent value) implements Emit {
    }

    /** For the pool router of this very task: the record already is on its pool's partition. */
    record InPlace(PoolEvent value) implements Emit {
    }

    /** A registry change; null value is a tombstone (deregistration). */
    record ToRegistry(AgentRecord value) implements Emit {
    }

    /** An AgentPerformance row, encoded once for the store and the topic. */
    record ToPerformance(byte[] value) implements Emit {
    }

    /** For another pool's task, through the application's agent-handoffs topic. */
    record ToHandOffs(PoolEvent value) implements Emit {
    }

    /** The original bytes of a rejected input record; the reason travels in headers. */
    record DeadLetter(byte[] key, byte[] value) implements Emit {
    }
}
