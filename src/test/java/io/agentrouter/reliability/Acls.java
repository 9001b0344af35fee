package io.agentrouter.reliability;

import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** The ACLs the README documents, as code: the router's principal and the agents' principal. */
final class Acls {

    private Acls() {
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    static Map<String, Object> client(String bootstrap, String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", jaas(user, password));
        return props;
    }

    /**
     * Router: read the inputs (and its own performance topic, which feeds a table), write the outputs,
     * everything on its internal topics, its consumer group and transactional ids (exactly-once).
     */
    static List<AclBinding> forRouter(Topics topics, String applicationId, String principal) {
        List<AclBinding> acls = new ArrayList<>();
        for (Topic<?, ?> in : List.of(topics.tasks(), topics.heartbeats(), topics.outcomes(), topics.performance())) {
            acls.add(allow(ResourceType.TOPIC, in.name(), PatternType.LITERAL, principal, AclOperation.READ));
        }
        for (Topic<?, ?> out : List.of(topics.assignments(), topics.decisions(), topics.registry(),
                topics.performance(), topics.deadLetters())) {
            acls.add(allow(ResourceType.TOPIC, out.name(), PatternType.LITERAL, principal, AclOperation.WRITE));
        }
        for (Topic<?, ?> any : topics.all()) {
            acls.add(allow(ResourceType.TOPIC, any.name(), PatternType.LITERAL, principal, AclOperation.DESCRIBE));
        }
        acls.add(allow(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, principal, AclOperation.ALL));
        acls.add(allow(ResourceType.GROUP, applicationId, PatternType.LITERAL, principal, AclOperation.READ));
        acls.add(allow(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, principal,
                AclOperation.WRITE));
        acls.add(allow(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, principal,
                AclOperation.DESCRIBE));
        return acls;
    }

    /** Agents: write heartbeats and outcomes, read assignments with a group of their own (agent-<id>). */
    static List<AclBinding> forAgents(Topics topics, String principal) {
        return List.of(
                allow(ResourceType.TOPIC, topics.heartbeats().name(), PatternType.LITERAL, principal, AclOperation.WRITE),
                allow(ResourceType.TOPIC, topics.outcomes().name(), PatternType.LITERAL, principal, AclOperation.WRITE),
                allow(ResourceType.TOPIC, topics.assignments().name(), PatternType.LITERAL, principal, AclOperation.READ),
                allow(ResourceType.GROUP, "agent-", PatternType.PREFIXED, principal, AclOperation.READ));
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
