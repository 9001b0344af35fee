package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.scoring.Policy;
import io.agentrouter.topology.TopicProvisioner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commands on a real broker. replay: a known set of decisions, three formats, filters, no consumer
 * group. run: a missing topic it may not create stops it with the topic's name.
 */
class ReplayCommandTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, Map.of());
        RouterConfig config = RouterConfig.of(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "topics.partitions", "2"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, config);
        }
        Topics topics = Topics.from(config);
        try (KafkaProducer<String, RoutingDecision> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), topics.decisions().keySerde().serializer(),
                topics.decisions().valueSerde().serializer())) {
            for (int i = 0; i < 10; i++) {
                RoutingDecision d = decision(i);
                producer.send(new ProducerRecord<>(topics.decisions().name(), null,
                        d.getCreatedAt().toEpochMilli(), d.getDecisionId(), d));
            }
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** task-i at T+i minutes; even ones ASSIGNED to agent-a (pool p1), odd ones REJECTED in p2. */
    private static RoutingDecision decision(int i) {
        boolean assigned = i % 2 == 0;
        RoutingDecision.Builder d = RoutingDecision.newBuilder()
                .setDecisionId(DecisionRecords.decisionId("test", "task-" + i, 0L, 0, DecisionRecords.RecordKind.DECISION)).setTaskId("task-" + i)
                .setWorkType(i < 5 ? "deploy_service" : "run_tests").setAgentPool(assigned ? "p1" : "p2")
                .setOutcome(assigned ? DecisionOutcome.ASSIGNED : DecisionOutcome.REJECTED)
                .setSpecializationMatch(0).setRecentContextMatch(0).setRetried(0).setAttempt(0)
                .setReason(assigned ? "Selected based on 90% success rate" : "pool 'p2' has no online agents, sorry")
                .setCreatedAt(T.plusSeconds(60L * i)).setPolicy(DecisionRecords.policyRecord(Policy.defaults()));
        if (assigned) {
            d.setSelectedAgentId("agent-a").setScore(46.0).setSuccessRatePercent(90);
        }
        return d.build();
    }

    private static CliRun replay(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "replay";
        all[1] = "--bootstrap";
        all[2] = kafka.bootstrapServers();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    @Test
    void tablePrintsEveryDecisionAndASummary() {
        CliRun o = replay();
        assertThat(o.exit()).isZero();
        assertThat(o.out().lines().filter(l -> l.contains("task-"))).hasSize(10);
        assertThat(o.out()).contains("decisions: 10", "per outcome: ASSIGNED 5, REJECTED 5", "per pool: p1 5, p2 5",
                "top agents: agent-a 5");
    }

    @Test
    void jsonLinesWithFilters() throws Exception {
        CliRun o = replay("--format", "json", "--outcome", "ASSIGNED", "--work-type", "deploy_service");
        List<String> lines = o.out().lines().toList();
        assertThat(lines).hasSize(3); // task-0, task-2, task-4
        for (String line : lines) {
            var json = DecisionJson.MAPPER.readTree(line);
            assertThat(json.get("outcome").asText()).isEqualTo("ASSIGNED");
            assertThat(json.get("work_type").asText()).isEqualTo("deploy_service");
            assertThat(json.get("selected_agent_id").asText()).isEqualTo("agent-a");
        }
        assertThat(o.err()).contains("decisions: 3");
    }

    @Test
    void csvWithTimeRangeTaskPoolAndAgentFilters() {
        CliRun o = replay("--format", "csv", "--from", T.plusSeconds(120).toString(), "--to",
                T.plusSeconds(360).toString());
        List<String> lines = o.out().lines().toList();
        assertThat(lines.get(0)).startsWith("created_at,task_id,work_type");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[1])
                .containsExactlyInAnyOrder("task-2", "task-3", "task-4", "task-5", "task-6");
        assertThat(o.out()).contains("\"pool 'p2' has no online agents, sorry\"");

        assertThat(replay("--format", "csv", "--task", "task-7").out().lines()).hasSize(2);
        assertThat(replay("--format", "csv", "--pool", "p1").out().lines()).hasSize(6);
        assertThat(replay("--format", "csv", "--agent", "nobody").out().lines()).hasSize(1);
    }

    @Test
    void joinsNoConsumerGroupAndRejectsBadArguments() throws Exception {
        replay();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).isEmpty();
        }
        CliRun bad = replay("--format", "xml");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(replay("--from", "yesterday").exit()).isEqualTo(2);
    }

    /**
     * Forced on, the bar goes to stderr only and ends at the records read, though the range's offsets also
     * hold transaction markers and an aborted transaction's records.
     */
    @Test
    void progressBarOnStderrEndsAtTheRecordsReadOfATransactionalTopic() throws Exception {
        RouterConfig config = RouterConfig.of(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "topics.partitions", "2", "topics.prefix", "tx."));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, config);
        }
        Topics topics = Topics.from(config);
        try (KafkaProducer<String, RoutingDecision> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "transactional.id", "replay-progress-test"),
                topics.decisions().keySerde().serializer(), topics.decisions().valueSerde().serializer())) {
            producer.initTransactions();
            for (int i = 0; i < 12; i++) { // six transactions of two; the fourth is aborted
                if (i % 2 == 0) {
                    producer.beginTransaction();
                }
                RoutingDecision d = decision(i);
                producer.send(new ProducerRecord<>(topics.decisions().name(), null, d.getCreatedAt().toEpochMilli(),
                        d.getDecisionId(), d));
                if (i % 2 == 1) {
                    if (i == 7) {
                        producer.abortTransaction();
                    } else {
                        producer.commitTransaction();
                    }
                }
            }
        }
        CliRun o = replay("--set", "topics.prefix=tx.", "--progress");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).doesNotContain("\r", "records,", "/10 records");
        assertThat(o.out().lines().filter(l -> l.contains("task-"))).hasSize(10);
        String lastState = o.err().substring(o.err().lastIndexOf('\r') + 1).lines().findFirst().orElseThrow();
        assertThat(lastState).contains("10/10 records");

        CliRun quiet = replay("--set", "topics.prefix=tx.", "--format", "csv", "--no-progress");
        assertThat(quiet.err()).doesNotContain("records", "\r").contains("decisions: 10");
    }

    @Test
    void runStopsWithTheNameOfAMissingTopicWhenItMayNotCreateIt() {
        CliRun run = CliRun.of("run", "--set", "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "--set", "topics.prefix=absent.", "--set", "topics.create=false");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("topic 'absent.tasks' does not exist", "topics.create=true");
    }
}
