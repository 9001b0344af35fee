package io.agentrouter.routing;

import io.agentrouter.model.RoutingPolicy;

/**
 * One decision on its way to the audit topic: the routing result, its deterministic id and the
 * policy in force. The router encodes it straight into a RoutingDecision's bytes
 * ({@code serde.AuditEntrySerde}); {@link DecisionRecords#toRecord(AuditEntry)} builds the record
 * object for everything else.
 */
public record AuditEntry(String decisionId, Decision decision, RoutingPolicy policy) {

    public long createdAtMs() {
        return decision.request().at().toEpochMilli();
    }
}
