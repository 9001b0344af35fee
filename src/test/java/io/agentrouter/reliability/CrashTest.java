package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.WorkTask;
import io.agentrouter.topology.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under crashes, counted like Kafka's EOS system tests: a 3-broker cluster
 * (replication 3, min ISR 2), two router instances in JVMs of their own sharing the application id,
 * a steady stream of tasks over three pools with agents reporting outcomes. Mid-stream one instance
 * is killed with SIGKILL and replaced; later a broker is restarted. Then every record is counted.
 *
 * <p>{@code mvn -B verify} runs 5,000 tasks; the documented long run is
 * {@code mvn -B test -Dtest=CrashTest -Dcrash.tasks=20000}.
 */
@Tag("reliability")
class CrashTest {

    private static final int POOLS = 3;

    @Test
    void everyTaskGetsExactlyOneDecisionPerAttemptThroughAnInstanceCrashAndABrokerRestart() throws Exception {
        int tasks = Integer.getInteger("crash.tasks", 5000);
        Path logs = Files.createTempDirectory("crash-test-");
        long started = System.nanoTime();
        try (KafkaCluster cluster = new KafkaCluster(3, Map.of(), List.of())) {
            Map<String, String> settings = new HashMap<>();
            settings.put("kafka.bootstrap.servers", cluster.bootstrapServers());
            settings.put("kafka.application.id", "crash-router");
            settings.put("topics.replication_factor", "3");
            settings.put("topics.partitions", "6");
            settings.put("routing.work_type_pools", TestFleet.workTypePools(POOLS));
            settings.put("kafka.session.timeout.ms", "6000");
            settings.put("kafka.heartbeat.interval.ms", "1500");
            RouterConfig config = RouterConfig.of(settings);
            Topics topics = Topics.from(config);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, config);
            }

            RouterProcess first = RouterProcess.start("router-1", with(settings, logs, 1), logs);
            RouterProcess second = RouterProcess.start("router-2", with(settings, logs, 2), logs);
            RouterProcess replacement = null;
            boolean passed = false;
            try (TestFleet fleet = new TestFleet(cluster.bootstrapServers(), topics, POOLS, 3, 0.9, Map.of());
                 AuditLedger ledger = new AuditLedger(cluster.bootstrapServers(), topics, Map.of());
                 KafkaProducer<String, WorkTask> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                         ProducerConfig.ACKS_CONFIG, "all"),
                         topics.tasks().keySerde().serializer(), topics.tasks().valueSerde().serializer())) {
                first.awaitRunning(Duration.ofSeconds(90));
                second.awaitRunning(Duration.ofSeconds(90));

                Set<String> taskIds = new HashSet<>();
                int killAt = tasks * 3 / 10;
                int restartAt = tasks * 6 / 10;
                for (int i = 0; i < tasks; i++) {
                    String id = "task-" + i;
                    taskIds.add(id);
                    producer.send(new ProducerRecord<>(topics.tasks().name(), id, WorkTask.newBuilder().setTaskId(id)
                            .setWorkType("w" + (1 + i % POOLS)).setSubmittedAt(Instant.now()).build()));
                    if (i % 50 == 49) {
                        producer.flush();
                        ledger.poll();
                    }
                    if (i == killAt) {
                        first.kill();
                        System.out.printf("crash: killed router-1 (SIGKILL) after %d tasks%n", i + 1);
                        replacement = RouterProcess.start("router-3", with(settings, logs, 3), logs);
                    }
                    if (i == restartAt) {
                        cluster.restartBroker(3);
                        System.out.printf("crash: restarted broker 3 after %d tasks%n", i + 1);
                    }
                }
                producer.flush();

                long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                while (ledger.finishedTasks(fleet.succeeded) < tasks && System.nanoTime() < deadline) {
                    ledger.poll();
                }
                Thread.sleep(2000); // anything late (a duplicate would show up now)
                for (int i = 0; i < 10; i++) {
                    ledger.poll();
                }
                AuditLedger.Report report = ledger.report(taskIds, fleet.succeeded);
                System.out.printf("crash: %s; agents received %d assignments, %d misdelivered; %.0f s%n", report,
                        fleet.received.size(), fleet.misdelivered.size(), (System.nanoTime() - started) / 1e9);
                assertThat(report.clean()).as(report.toString()).isTrue();
                assertThat(report.tasks()).isEqualTo(tasks);
                assertThat(fleet.misdelivered).isEmpty();
                assertThat(fleet.received).hasSize(report.assignments());
                assertThat(second.isAlive()).isTrue();
                passed = true;
            } finally {
                for (RouterProcess router : new RouterProcess[] {first, second, replacement}) {
                    if (router != null) {
                        router.close();
                    }
                }
                if (passed) {
                    EmbeddedKafka.deleteQuietly(logs); // kept when the test fails: the routers' logs and state
                }
            }
        }
    }

    private static Map<String, String> with(Map<String, String> settings, Path logs, int instance) {
        Map<String, String> own = new HashMap<>(settings);
        own.put("kafka.state.dir", logs.resolve("state-" + instance).toString());
        return own;
    }
}
