package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.BrokerTestSupport;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import io.agentrouter.model.internal.AgentHandOff;
import io.agentrouter.topology.InternalTopics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An agent with a history moves from pool p to pool q, which a six-partition router keeps on
 * another partition: it is scored in q with its history, its performance row goes on from where it
 * was, and the decisions are those of a one-partition router (ROUTING.md "Retries and failure").
 */
@Tag("reliability")
class PoolMoveAcrossPartitionsTest {

    private static final String FROM = "p";
    private static final String TO = otherPartitionThan(FROM, 6);
    private static final int TRAINING = 12;

    @Test
    void anAgentKeepsItsHistoryAcrossPoolsWhateverThePartitionCount() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            Run one = route(kafka, 1);
            Run six = route(kafka, 6);
            assertThat(one.decisions()).extracting(s -> s.substring(s.indexOf(' ') + 1))
                    .containsExactly("a a=12/0 b=0/0", "a a=12/0 b=0/0", "a a=12/0 b=0/0");
            assertThat(six.decisions()).isEqualTo(one.decisions());
            for (Run run : List.of(one, six)) {
                assertThat(run.successCounts()).as("a's published rows, %s partitions", run.partitions())
                        .isSorted().endsWith((long) TRAINING + 1);
            }
        }
    }

    record Run(int partitions, List<String> decisions, List<Long> successCounts) {
    }

    private Run route(EmbeddedKafka kafka, int partitions) throws Exception {
        String name = "move" + partitions;
        RouterConfig config = BrokerTestSupport.config(kafka, Map.of("topics.prefix", name + ".",
                "kafka.application.id", name + "-router", "topics.partitions", Integer.toString(partitions),
                "routing.heartbeat_ttl", "PT10M"));
        Topics topics = Topics.from(config);
        KafkaStreams router = BrokerTestSupport.startRouter(config);
        try (KafkaProducer<String, Heartbeat> beats = BrokerTestSupport.producer(kafka, topics.heartbeats());
             KafkaProducer<String, WorkTask> tasks = BrokerTestSupport.producer(kafka, topics.tasks());
             KafkaProducer<String, TaskOutcome> outcomes = BrokerTestSupport.producer(kafka, topics.outcomes())) {
            heartbeat(beats, topics, "a", FROM);
            heartbeat(beats, topics, "b", TO);
            BrokerTestSupport.awaitRegistered(kafka, topics, "a", "b");

            Instant dayAgo = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < TRAINING; i++) {
                send(tasks, topics, "train-" + i, FROM, dayAgo.plusMillis(i));
            }
            for (Assignment a : assignments(kafka, topics, TRAINING)) {
                succeed(outcomes, topics, a);
            }
            awaitSuccesses(kafka, topics, TRAINING);

            heartbeat(beats, topics, "a", TO);
            List<ConsumerRecord<String, io.agentrouter.model.internal.PoolEvent>> handOffs =
                    BrokerTestSupport.readUntil(kafka, InternalTopics.handOffs(config), read -> read.stream()
                            .anyMatch(r -> r.value().getPayload() instanceof AgentHandOff), Duration.ofSeconds(60));
            assertThat(handOffs).as("p hands a's state to q").isNotEmpty();

            List<String> decisions = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 3; i++) {
                String taskId = "t-" + i;
                send(tasks, topics, taskId, TO, now.plusMillis(i));
                decisions.add(describe(decision(kafka, topics, taskId)));
            }
            Assignment first = assignments(kafka, topics, TRAINING + 3).stream()
                    .filter(a -> a.getTask().getTaskId().equals("t-0")).findFirst().orElseThrow();
            succeed(outcomes, topics, first);
            awaitSuccesses(kafka, topics, TRAINING + 1);
            List<Long> counts = BrokerTestSupport.readUntil(kafka, topics.performance(), read -> false,
                            Duration.ofSeconds(2)).stream()
                    .filter(r -> r.key().equals(Topics.performanceKey("a", "w")))
                    .map(r -> r.value().getSuccessCount()).toList();
            return new Run(partitions, decisions, counts);
        } finally {
            router.close(Duration.ofSeconds(10));
        }
    }

    private static String otherPartitionThan(String pool, int partitions) {
        for (int i = 0; ; i++) {
            if (PoolPlacement.partitionOf("q" + i, partitions) != PoolPlacement.partitionOf(pool, partitions)) {
                return "q" + i;
            }
        }
    }

    private static void heartbeat(KafkaProducer<String, Heartbeat> producer, Topics topics, String agent, String pool) {
        producer.send(new ProducerRecord<>(topics.heartbeats().name(), agent, Heartbeat.newBuilder().setAgentId(agent)
                .setAgentType(AgentType.CODE).setPoolName(pool).setCapabilities(List.of("w"))
                .setStatus(AgentStatus.ONLINE).build()));
        producer.flush();
    }

    private static void send(KafkaProducer<String, WorkTask> producer, Topics topics, String taskId, String pool,
                             Instant at) {
        producer.send(new ProducerRecord<>(topics.tasks().name(), null, at.toEpochMilli(), taskId,
                WorkTask.newBuilder().setTaskId(taskId).setWorkType("w").setPoolName(pool).setSubmittedAt(at).build()));
        producer.flush();
    }

    private static void succeed(KafkaProducer<String, TaskOutcome> producer, Topics topics, Assignment a) {
        producer.send(new ProducerRecord<>(topics.outcomes().name(), a.getTask().getTaskId(), TaskOutcome.newBuilder()
                .setTaskId(a.getTask().getTaskId()).setDecisionId(a.getDecisionId()).setAgentId(a.getAgentId())
                .setPoolName(a.getPoolName()).setWorkType("w").setStatus(OutcomeStatus.SUCCEEDED).setDurationMs(10)
                .setFinishedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build()));
        producer.flush();
    }

    private static List<Assignment> assignments(EmbeddedKafka kafka, Topics topics, int count) {
        List<Assignment> read = BrokerTestSupport.readUntil(kafka, topics.assignments(), r -> r.size() >= count,
                Duration.ofSeconds(60)).stream().map(ConsumerRecord::value).collect(Collectors.toList());
        assertThat(read).as("assignments").hasSize(count);
        read.sort((x, y) -> x.getTask().getTaskId().compareTo(y.getTask().getTaskId()));
        return read;
    }

    private static void awaitSuccesses(EmbeddedKafka kafka, Topics topics, long successes) {
        List<ConsumerRecord<String, AgentPerformance>> rows = BrokerTestSupport.readUntil(kafka, topics.performance(),
                read -> read.stream().anyMatch(r -> r.value().getSuccessCount() >= successes), Duration.ofSeconds(60));
        assertThat(rows).extracting(r -> r.value().getSuccessCount()).as("a's successes").contains(successes);
    }

    private static RoutingDecision decision(EmbeddedKafka kafka, Topics topics, String taskId) {
        return BrokerTestSupport.readUntil(kafka, topics.decisions(),
                        read -> read.stream().anyMatch(r -> r.value().getTaskId().equals(taskId)), Duration.ofSeconds(60))
                .stream().map(ConsumerRecord::value).filter(d -> d.getTaskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + taskId));
    }

    /** task, selected agent, and each candidate's counts. */
    private static String describe(RoutingDecision d) {
        return d.getTaskId() + " " + d.getSelectedAgentId() + " " + d.getCandidates().stream()
                .map((CandidateScore c) -> c.getAgentId() + "=" + c.getSuccessCount() + "/" + c.getFailureCount())
                .collect(Collectors.joining(" "));
    }
}
