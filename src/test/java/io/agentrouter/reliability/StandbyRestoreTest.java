package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.BrokerTestSupport;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.WorkTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances with num.standby.replicas=1: when one stops, the other (with warm standbys) routes on
 * the same learned state; a restarted instance with an empty state directory restores every store
 * from the changelogs and routes the same as before.
 */
@Tag("reliability")
class StandbyRestoreTest {

    @Test
    void restartedInstanceRestoresItsStoresAndRoutesTheSame() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            Map<String, String> base = Map.of("routing.work_type_pools", "w=p", "kafka.num.standby.replicas", "1",
                    "kafka.application.id", "standby-router", "kafka.session.timeout.ms", "6000");
            RouterConfig first = BrokerTestSupport.config(kafka, base);
            Topics topics = Topics.from(first);
            Set<String> succeeded = ConcurrentHashMap.newKeySet();
            KafkaStreams one = BrokerTestSupport.startRouter(first);
            KafkaStreams two = BrokerTestSupport.startRouter(BrokerTestSupport.config(kafka, base));
            try (AgentClient good = agent(kafka, topics, "good", succeeded, AgentClient.Result.succeeded());
                 AgentClient bad = agent(kafka, topics, "bad", succeeded, AgentClient.Result.failed(true));
                 KafkaProducer<String, WorkTask> producer = BrokerTestSupport.producer(kafka, topics.tasks())) {
                BrokerTestSupport.awaitRegistered(kafka, topics, "good", "bad");
                for (int i = 0; i < 60; i++) {
                    send(producer, topics, "learn-" + i);
                    Thread.sleep(20);
                }
                awaitSucceeded(kafka, topics, succeeded, 60);

                one.close(Duration.ofSeconds(10));
                Map<String, AgentPerformance> learned = awaitLearned(kafka, topics, succeeded.size());
                RoutingDecision byStandby = probe(kafka, topics, producer, "probe-1");
                assertSameAs(learned, byStandby);
                awaitSucceeded(kafka, topics, succeeded, 61);

                KafkaStreams restarted = BrokerTestSupport.startRouter(
                        BrokerTestSupport.config(kafka, base)); // new, empty state directory
                two.close(Duration.ofSeconds(10));
                two = restarted;
                learned = awaitLearned(kafka, topics, succeeded.size());
                RoutingDecision byRestored = probe(kafka, topics, producer, "probe-2");
                assertSameAs(learned, byRestored);
                assertThat(byRestored.getSelectedAgentId()).isEqualTo(byStandby.getSelectedAgentId());
                System.out.printf("standby/restore: after failover %s (score %.2f), after restore %s (score %.2f)%n",
                        byStandby.getSelectedAgentId(), byStandby.getScore(), byRestored.getSelectedAgentId(),
                        byRestored.getScore());
            } finally {
                one.close(Duration.ofSeconds(10));
                two.close(Duration.ofSeconds(10));
            }
        }
    }

    /**
     * The performance the router has published once every success so far is in it. Input topics
     * give no order across partitions, so the probe waits until the router has taken the outcomes in.
     */
    private static Map<String, AgentPerformance> awaitLearned(EmbeddedKafka kafka, Topics topics, int goodSuccesses) {
        Map<String, AgentPerformance> learned = new HashMap<>();
        BrokerTestSupport.readUntil(kafka, topics.performance(), read -> {
            learned.clear();
            read.forEach(r -> learned.put(r.value().getAgentId(), r.value()));
            return learned.containsKey("good") && learned.get("good").getSuccessCount() == goodSuccesses;
        }, Duration.ofSeconds(60));
        assertThat(learned.get("good").getSuccessCount()).isEqualTo(goodSuccesses);
        return learned;
    }

    /** The probe's candidates carry exactly the performance the router had learned and published. */
    private static void assertSameAs(Map<String, AgentPerformance> learned, RoutingDecision probe) {
        assertThat(probe.getSelectedAgentId()).isEqualTo("good");
        assertThat(probe.getReason()).startsWith("Selected based on 100% success rate");
        for (CandidateScore c : probe.getCandidates()) {
            AgentPerformance p = learned.get(c.getAgentId());
            assertThat(c.getSuccessCount()).as(c.getAgentId()).isEqualTo(p.getSuccessCount());
            assertThat(c.getFailureCount()).as(c.getAgentId()).isEqualTo(p.getFailureCount());
        }
    }

    private static RoutingDecision probe(EmbeddedKafka kafka, Topics topics, KafkaProducer<String, WorkTask> producer,
                                         String id) {
        send(producer, topics, id);
        List<ConsumerRecord<String, RoutingDecision>> decisions = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                r -> r.stream().anyMatch(d -> d.value().getTaskId().equals(id)), Duration.ofSeconds(60));
        return decisions.stream().map(ConsumerRecord::value).filter(d -> d.getTaskId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + id));
    }

    private static void awaitSucceeded(EmbeddedKafka kafka, Topics topics, Set<String> succeeded, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (succeeded.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(succeeded).hasSize(count);
        Thread.sleep(1500); // the last outcomes reach the router and its performance topic
    }

    private static void send(KafkaProducer<String, WorkTask> producer, Topics topics, String id) {
        producer.send(new ProducerRecord<>(topics.tasks().name(), id, WorkTask.newBuilder().setTaskId(id)
                .setWorkType("w").setSubmittedAt(Instant.now()).build()));
        producer.flush();
    }

    private static AgentClient agent(EmbeddedKafka kafka, Topics topics, String id, Set<String> succeeded,
                                     AgentClient.Result result) {
        AgentClient agent = AgentClient.builder(kafka.bootstrapServers(), topics).agentId(id).pool("p")
                .capabilities("w").heartbeatInterval(Duration.ofSeconds(2)).build();
        agent.start(a -> {
            if (result.status() == io.agentrouter.model.OutcomeStatus.SUCCEEDED) {
                succeeded.add(a.getDecisionId());
            }
            return result;
        });
        return agent;
    }
}
