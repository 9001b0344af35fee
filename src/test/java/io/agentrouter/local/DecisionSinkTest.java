package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.scoring.Policy;
import io.agentrouter.topology.TopicProvisioner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit topic lands in real PostgreSQL through a real Connect worker running Debezium's JDBC sink. */
class DecisionSinkTest {

    private static final int DECISIONS = 300;

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static ConnectWorker connect;
    private static RouterConfig config;
    private static Topics topics;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(0, Map.of());
        postgres = EmbeddedPostgresServer.start();
        postgres.database().migrate();
        config = BrokerTestSupport.config(kafka, Map.of());
        topics = Topics.from(config);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, config);
        }
        connect = ConnectWorker.start(kafka.bootstrapServers(), Path.of("target/connect-plugins"), "sink-test");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {connect, postgres, kafka}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void everyDecisionBecomesOneRowAndRedeliveryChangesNothing() throws Exception {
        List<RoutingDecision> sent = new ArrayList<>();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, RoutingDecision> producer = BrokerTestSupport.producer(kafka, topics.decisions())) {
            for (int i = 0; i < DECISIONS; i++) {
                RoutingDecision d = decision(i, base.plusMillis(i));
                sent.add(d);
                producer.send(new ProducerRecord<>(topics.decisions().name(), d.getDecisionId(), d));
            }
        }
        Map<String, Map<String, String>> sinks = SinkConnectors.all(config, postgres.database());
        connect.deploy(SinkConnectors.DECISIONS, sinks.get(SinkConnectors.DECISIONS), Duration.ofSeconds(60));
        awaitRows(DECISIONS);

        try (Connection db = postgres.database().connect(); Statement st = db.createStatement()) {
            RoutingDecision assigned = sent.get(7);
            try (ResultSet row = st.executeQuery("SELECT * FROM routing_decisions WHERE decision_id = '"
                    + assigned.getDecisionId() + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("task_id")).isEqualTo("task-7");
                assertThat(row.getString("work_type")).isEqualTo("deploy_service");
                assertThat(row.getString("agent_pool")).isEqualTo("infra_pool_1");
                assertThat(row.getString("outcome")).isEqualTo("ASSIGNED");
                assertThat(row.getString("selected_agent_id")).isEqualTo("A");
                assertThat(row.getDouble("score")).isEqualTo(assigned.getScore());
                assertThat(row.getInt("success_rate_percent")).isEqualTo(95);
                assertThat(row.getInt("specialization_match")).isEqualTo(1);
                assertThat(row.getInt("recent_context_match")).isZero();
                assertThat(row.getInt("retried")).isZero();
                assertThat(row.getInt("attempt")).isZero();
                assertThat(row.getString("reason")).isEqualTo(assigned.getReason());
                assertThat(row.getTimestamp("created_at").toInstant()).isEqualTo(assigned.getCreatedAt());
                assertThat(row.getDouble("policy_w_success")).isEqualTo(40.0);
                JsonNode candidates = new ObjectMapper().readTree(row.getString("candidates"));
                assertThat(candidates).hasSize(1);
                assertThat(candidates.get(0).get("agent_id").asText()).isEqualTo("A");
                assertThat(candidates.get(0).get("load_points").asDouble()).isEqualTo(7.0);
            }
            try (ResultSet row = st.executeQuery(
                    "SELECT outcome, selected_agent_id, score, success_rate_percent FROM routing_decisions"
                            + " WHERE task_id = 'task-3'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("outcome")).isEqualTo("REJECTED");
                assertThat(row.getString("selected_agent_id")).isNull();
                assertThat(row.getObject("score")).isNull();
                assertThat(row.getObject("success_rate_percent")).isNull();
            }
        }

        // restart the connector, then make it re-deliver everything from the start: upsert keeps one row each
        connect.restart(SinkConnectors.DECISIONS, Duration.ofSeconds(60));
        connect.delete(SinkConnectors.DECISIONS, Duration.ofSeconds(30));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            awaitGroupDeleted(admin, "connect-" + SinkConnectors.DECISIONS);
        }
        try (Connection db = postgres.database().connect(); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE routing_decisions SET reason = 'overwritten' WHERE task_id = 'task-0'");
        }
        connect.deploy(SinkConnectors.DECISIONS, sinks.get(SinkConnectors.DECISIONS), Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!reasonOf("task-0").equals(sent.get(0).getReason()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(reasonOf("task-0")).as("re-delivered from the start").isEqualTo(sent.get(0).getReason());
        Thread.sleep(2000);
        assertThat(rowCount()).isEqualTo(DECISIONS);
        System.out.printf("sink: %d decisions sent, %d rows after re-delivery%n", DECISIONS, rowCount());
    }

    private static void awaitGroupDeleted(Admin admin, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200); // members still leaving
            }
        }
    }

    private static RoutingDecision decision(int i, Instant at) {
        boolean rejected = i % 3 == 0;
        RoutingDecision.Builder d = RoutingDecision.newBuilder()
                .setDecisionId(DecisionRecords.decisionId("test", "task-" + i, 0L, 0, DecisionRecords.RecordKind.DECISION)).setTaskId("task-" + i)
                .setWorkType("deploy_service").setAgentPool("infra_pool_1")
                .setOutcome(rejected ? DecisionOutcome.REJECTED : DecisionOutcome.ASSIGNED)
                .setSpecializationMatch(rejected ? 0 : 1).setRecentContextMatch(0).setRetried(0).setAttempt(0)
                .setReason(rejected ? "pool 'infra_pool_1' has no online agents"
                        : "Selected based on 95% success rate, specialization match")
                .setCreatedAt(at).setPolicy(DecisionRecords.policyRecord(Policy.defaults()));
        if (!rejected) {
            d.setSelectedAgentId("A").setScore(65.1 + i / 1000.0).setSuccessRatePercent(95)
                    .setCandidates(List.of(CandidateScore.newBuilder().setAgentId("A").setStatus(AgentStatus.ONLINE)
                            .setSuccessCount(20).setFailureCount(1).setLoad(3).setSuccessPoints(38.1)
                            .setContextPoints(0).setSpecializationPoints(20).setLoadPoints(7).setScore(65.1).build()));
        }
        return d.build();
    }

    private static void awaitRows(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rowCount() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(rowCount()).isEqualTo(expected);
    }

    private static long rowCount() throws Exception {
        try (Connection db = postgres.database().connect(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM routing_decisions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String reasonOf(String taskId) throws Exception {
        try (Connection db = postgres.database().connect(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT reason FROM routing_decisions WHERE task_id = '" + taskId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
