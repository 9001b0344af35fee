package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.TestDirs;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.WorkTask;
import io.agentrouter.topology.TopicProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The router runs unchanged against a broker with SASL/SCRAM-SHA-512 and ACLs (StandardAuthorizer):
 * its principal reads inputs and writes outputs and internal topics; an agent principal writes
 * heartbeats and outcomes and reads assignments, and nothing else. No secret reaches the logs.
 */
@Tag("reliability")
class SecurityTest {

    private static final String ROUTER_PASSWORD = "router-Pa55-never-logged";

    /** Waits until the router's registry topic shows the agent, so the task cannot beat its registration. */
    private static void awaitRegistered(Map<String, Object> client, Topics topics, String agentId) {
        try (KafkaConsumer<String, byte[]> registry = new KafkaConsumer<>(new HashMap<>(client),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer())) {
            List<TopicPartition> partitions = registry.partitionsFor(topics.registry().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            registry.assign(partitions);
            registry.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : registry.poll(Duration.ofMillis(200))) {
                    if (agentId.equals(record.key())) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError(agentId + " not registered within 60 s");
    }

    @Test
    void routerAndAgentWorkWithinTheirAclsAndNothingElse() throws Exception {
        Map<String, String> broker = Map.of(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controllerPort}",
                "advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:{port}",
                "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name", "SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", "SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", Acls.jaas("admin", "admin-secret"),
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                // the controller listener is internal (loopback, PLAINTEXT): its ANONYMOUS principal is the broker itself
                "super.users", "User:admin;User:ANONYMOUS");
        List<String> users = List.of(
                "--add-scram", "SCRAM-SHA-512=[name=admin,password=admin-secret]",
                "--add-scram", "SCRAM-SHA-512=[name=router,password=" + ROUTER_PASSWORD + "]",
                "--add-scram", "SCRAM-SHA-512=[name=agent,password=agent-secret]");
        Path logs = TestDirs.create("security-test-");
        try (KafkaCluster kafka = new KafkaCluster(1, broker, users)) {
            Map<String, String> settings = new HashMap<>(Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "kafka.application.id", "secure-router",
                    "routing.work_type_pools", "w=p",
                    "kafka.security.protocol", "SASL_PLAINTEXT",
                    "kafka.sasl.mechanism", "SCRAM-SHA-512",
                    "kafka.sasl.jaas.config", Acls.jaas("router", ROUTER_PASSWORD),
                    "kafka.state.dir", logs.resolve("state").toString()));
            RouterConfig config = RouterConfig.of(settings);
            Topics topics = Topics.from(config);
            Map<String, Object> admin = Acls.client(kafka.bootstrapServers(), "admin", "admin-secret");
            try (Admin client = Admin.create(admin)) {
                TopicProvisioner.ensure(client, RouterConfig.of(Map.of("topics.partitions", "3")));
                client.createAcls(Acls.forRouter(topics, "secure-router", "User:router")).all().get();
                client.createAcls(Acls.forAgents(topics, "User:agent")).all().get();
            }

            Map<String, Object> agentCreds = Acls.client(kafka.bootstrapServers(), "agent", "agent-secret");
            Set<String> received = ConcurrentHashMap.newKeySet();
            try (RouterProcess router = RouterProcess.start("secure-router", settings, logs,
                    List.of("-Dlog4j2.configurationFile=" + Path.of("src/test/resources/log4j2-verbose.xml").toAbsolutePath()));
                 KafkaProducer<String, WorkTask> tasks = new KafkaProducer<>(new HashMap<>(admin),
                         topics.tasks().keySerde().serializer(), topics.tasks().valueSerde().serializer())) {
                router.awaitRunning(Duration.ofSeconds(90));
                AgentClient.Builder builder = AgentClient.builder(kafka.bootstrapServers(), topics).agentId("a1")
                        .pool("p").capabilities("w").heartbeatInterval(Duration.ofSeconds(2));
                agentCreds.forEach(builder::clientProperty);
                try (AgentClient agent = builder.build()) {
                    agent.start(a -> {
                        received.add(a.getDecisionId());
                        return AgentClient.Result.succeeded();
                    });
                    awaitRegistered(admin, topics, "a1");
                    tasks.send(new ProducerRecord<>(topics.tasks().name(), "secure-1", WorkTask.newBuilder()
                            .setTaskId("secure-1").setWorkType("w").setSubmittedAt(Instant.now()).build())).get();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (received.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertThat(received).as("the agent received its assignment through the secured router").hasSize(1);
                }

                // the agent principal may not forge assignments or decisions, nor read what is not its own
                try (KafkaProducer<String, byte[]> forger = new KafkaProducer<>(new HashMap<>(agentCreds),
                        Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
                    for (String topic : List.of(topics.assignments().name(), topics.decisions().name(),
                            topics.tasks().name())) {
                        assertThatThrownBy(() -> forger.send(new ProducerRecord<>(topic, "a1", new byte[] {1})).get())
                                .as("agent writes " + topic).isInstanceOf(ExecutionException.class)
                                .hasCauseInstanceOf(TopicAuthorizationException.class);
                    }
                }
                for (String topic : List.of(topics.tasks().name(), topics.decisions().name(),
                        topics.performance().name())) {
                    Map<String, Object> reader = new HashMap<>(agentCreds);
                    reader.put("group.id", "agent-snoop");
                    try (KafkaConsumer<String, byte[]> snoop = new KafkaConsumer<>(reader, Serdes.String().deserializer(),
                            Serdes.ByteArray().deserializer())) {
                        snoop.assign(List.of(new TopicPartition(topic, 0)));
                        snoop.seekToBeginning(List.of(new TopicPartition(topic, 0)));
                        assertThatThrownBy(() -> snoop.poll(Duration.ofSeconds(5))).as("agent reads " + topic)
                                .isInstanceOf(TopicAuthorizationException.class);
                    }
                }

                String log = router.output();
                assertThat(log).as("Kafka logged the client configs (INFO)").contains("sasl.jaas.config = [hidden]");
                assertThat(log).doesNotContain(ROUTER_PASSWORD);
                System.out.printf("security: routed through SASL/SCRAM + ACLs; agent denied on 3 writes and 3 reads;"
                        + " %d log lines, password found 0 times%n", log.lines().count());
            }
        }
    }
}
