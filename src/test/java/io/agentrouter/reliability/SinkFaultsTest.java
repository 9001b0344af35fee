package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.BrokerTestSupport;
import io.agentrouter.local.ConnectWorker;
import io.agentrouter.local.Database;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.local.EmbeddedPostgresServer;
import io.agentrouter.local.SinkConnectors;
import io.agentrouter.local.TestDirs;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.scoring.Policy;
import io.agentrouter.topology.TopicProvisioner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sink through its faults: the Connect worker stops mid-stream and starts again, PostgreSQL stops
 * and starts again. Afterwards exactly one row per decision; a record the sink cannot read goes to the
 * connector's dead-letter topic with context headers.
 */
@Tag("reliability")
class SinkFaultsTest {

    private static final int DECISIONS = 3000;

    @Test
    void oneRowPerDecisionThroughWorkerAndDatabaseRestarts() throws Exception {
        Path pgData = TestDirs.create("sink-faults-pg-");
        Files.delete(pgData);
        int pgPort = EmbeddedKafka.freePort();
        Path plugins = Path.of("target/connect-plugins");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            RouterConfig config = BrokerTestSupport.config(kafka, Map.of());
            Topics topics = Topics.from(config);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, config);
                admin.createTopics(List.of(new NewTopic(topics.decisions().name() + "-sink-dlq", 1, (short) 1)))
                        .all().get();
            }
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgData, pgPort);
            Database database = postgres.database();
            database.migrate();
            Map<String, String> sink = SinkConnectors.all(config, database).get(SinkConnectors.DECISIONS);
            ConnectWorker worker = ConnectWorker.start(kafka.bootstrapServers(), plugins, "sink-faults");
            worker.deploy(SinkConnectors.DECISIONS, sink, Duration.ofSeconds(60));

            Serializer<RoutingDecision> values = topics.decisions().valueSerde().serializer();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 5),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
                for (int i = 0; i < DECISIONS; i++) {
                    RoutingDecision d = decision(i);
                    producer.send(new ProducerRecord<>(topics.decisions().name(), d.getDecisionId(),
                            values.serialize(null, d)));
                    if (i == DECISIONS / 3) {
                        producer.flush();
                        worker.close();
                        System.out.println("sink faults: Connect worker stopped");
                        worker = ConnectWorker.start(kafka.bootstrapServers(), plugins, "sink-faults");
                        worker.watch(SinkConnectors.DECISIONS); // resumed from the config topic
                    }
                    if (i == 2 * DECISIONS / 3) {
                        producer.send(new ProducerRecord<>(topics.decisions().name(), "garbage",
                                "not a decision".getBytes(StandardCharsets.UTF_8)));
                        producer.flush();
                        postgres.close();
                        System.out.println("sink faults: PostgreSQL stopped");
                        Thread.sleep(3000);
                        postgres = EmbeddedPostgresServer.start(pgData, pgPort);
                        System.out.println("sink faults: PostgreSQL started again");
                    }
                    if (i % 20 == 0) {
                        Thread.sleep(100); // about 200 decisions/s: the faults land mid-stream
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (rows(database) < DECISIONS && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Thread.sleep(2000);
            long rows = rows(database);
            List<ConsumerRecord<byte[], byte[]>> dead = BrokerTestSupport.readUntil(kafka,
                    new io.agentrouter.contract.Topic<>(topics.decisions().name() + "-sink-dlq", Serdes.ByteArray(),
                            Serdes.ByteArray(), "sink dead letters"), r -> !r.isEmpty(), Duration.ofSeconds(30));
            System.out.printf("sink faults: %d decisions sent, %d rows (lost %d, doubled %d), %d in the sink's "
                    + "dead-letter topic%n", DECISIONS, rows, Math.max(0, DECISIONS - rows), Math.max(0, rows - DECISIONS),
                    dead.size());
            assertThat(rows).isEqualTo(DECISIONS);
            // the sink's dead-letter topic is at-least-once like the sink: a task restarted after the
            // database outage may convert (and dead-letter) the same record again; it is one source record
            assertThat(dead).isNotEmpty().allSatisfy(letter -> {
                assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not a decision");
                assertThat(letter.headers().lastHeader("__connect.errors.exception.class.name")).isNotNull();
                assertThat(letter.headers().lastHeader("__connect.errors.topic")).isNotNull();
            });
            assertThat(dead.stream().map(l -> new String(l.headers().lastHeader("__connect.errors.offset").value(),
                    StandardCharsets.UTF_8)).distinct()).hasSize(1);
            worker.close();
            postgres.close();
        }
    }

    private static long rows(Database database) {
        try (Connection db = database.connect(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(DISTINCT decision_id) FROM routing_decisions")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception unavailable) {
            return -1;
        }
    }

    private static RoutingDecision decision(int i) {
        return RoutingDecision.newBuilder().setDecisionId(DecisionRecords.decisionId("test", "task-" + i, 0L, 0, DecisionRecords.RecordKind.DECISION))
                .setTaskId("task-" + i).setWorkType("w").setAgentPool("p").setOutcome(DecisionOutcome.ASSIGNED)
                .setSelectedAgentId("a").setScore(50.0).setSpecializationMatch(0).setRecentContextMatch(0)
                .setRetried(0).setAttempt(0).setReason("Selected based on neutral success rate (0 of 10 executions)")
                .setCreatedAt(Instant.now()).setPolicy(DecisionRecords.policyRecord(Policy.defaults())).build();
    }
}
