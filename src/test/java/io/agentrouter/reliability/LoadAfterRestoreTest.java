package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.BrokerTestSupport;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.WorkTask;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same input routed by a router that runs throughout and by one restored from its changelogs
 * into an empty state directory half way: the decisions are the same, late tasks included, because
 * live and restored load history keep the same decisions (ROUTING.md "Retries and failure").
 */
@Tag("reliability")
class LoadAfterRestoreTest {

    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));

    @Test
    void aRestoredRouterCountsTheLoadOfLateTasksAsTheLiveOneDoes() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            List<String> live = route(kafka, "live", false);
            List<String> restored = route(kafka, "restored", true);
            // x at 10:00:05; y at 12:30:05 (x busy); at 10:30:00 x has load 1 (within the hour), y none
            assertThat(live).containsExactly("x", "y", "y");
            assertThat(restored).isEqualTo(live);
        }
    }

    /** Routes the sequence on topics of its own; with {@code restore}, a new instance takes over before the last task. */
    private List<String> route(EmbeddedKafka kafka, String name, boolean restore) throws Exception {
        Map<String, String> settings = Map.of("topics.prefix", name + ".", "kafka.application.id", name + "-router",
                "routing.work_type_pools", "w=p", "routing.heartbeat_ttl", "PT10M");
        RouterConfig config = BrokerTestSupport.config(kafka, settings);
        Topics topics = Topics.from(config);
        KafkaStreams router = BrokerTestSupport.startRouter(config);
        try (KafkaProducer<String, Heartbeat> beats = BrokerTestSupport.producer(kafka, topics.heartbeats());
             KafkaProducer<String, WorkTask> tasks = BrokerTestSupport.producer(kafka, topics.tasks())) {
            List<String> selected = new ArrayList<>();
            heartbeat(kafka, topics, beats, "x", AgentStatus.ONLINE);
            heartbeat(kafka, topics, beats, "y", AgentStatus.ONLINE);
            selected.add(route(kafka, topics, tasks, "a", "10:00:05"));
            heartbeat(kafka, topics, beats, "x", AgentStatus.BUSY);
            selected.add(route(kafka, topics, tasks, "b", "12:30:05"));
            heartbeat(kafka, topics, beats, "x", AgentStatus.ONLINE);
            if (restore) {
                router.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(10))); // its successor need not wait out the session
                router = BrokerTestSupport.startRouter(BrokerTestSupport.config(kafka, settings)); // empty state dir
            }
            selected.add(route(kafka, topics, tasks, "c", "10:30:00"));
            return selected;
        } finally {
            router.close(Duration.ofSeconds(10));
        }
    }

    private static void heartbeat(EmbeddedKafka kafka, Topics topics, KafkaProducer<String, Heartbeat> producer,
                                  String agent, AgentStatus status) {
        producer.send(new ProducerRecord<>(topics.heartbeats().name(), agent, Heartbeat.newBuilder().setAgentId(agent)
                .setAgentType(AgentType.CODE).setPoolName("p").setCapabilities(List.of("w")).setStatus(status).build()));
        producer.flush();
        List<ConsumerRecord<String, AgentRecord>> registry = BrokerTestSupport.readUntil(kafka, topics.registry(),
                read -> !read.isEmpty() && read.stream().filter(r -> r.key().equals(agent)).reduce((a, b) -> b)
                        .map(r -> r.value().getStatus() == status).orElse(false), Duration.ofSeconds(60));
        assertThat(registry).as("%s %s registered", agent, status).isNotEmpty();
    }

    private static String route(EmbeddedKafka kafka, Topics topics, KafkaProducer<String, WorkTask> producer,
                                String taskId, String timeOfDay) {
        Instant at = Instant.parse(DAY.toString().substring(0, 11) + timeOfDay + "Z");
        producer.send(new ProducerRecord<>(topics.tasks().name(), null, at.toEpochMilli(), taskId,
                WorkTask.newBuilder().setTaskId(taskId).setWorkType("w").setSubmittedAt(at).build()));
        producer.flush();
        RoutingDecision decision = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                        read -> read.stream().anyMatch(r -> r.value().getTaskId().equals(taskId)), Duration.ofSeconds(60))
                .stream().map(ConsumerRecord::value).filter(d -> d.getTaskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + taskId));
        return decision.getSelectedAgentId();
    }
}
