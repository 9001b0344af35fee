package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.WorkTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real KRaft broker with the real topology and the agent client: 1,000 tasks, one
 * committed decision per task attempt, assignments only to their agent, and outcomes that teach the
 * router to prefer the better agent.
 */
class RouterOnBrokerTest {

    private static final int TASKS = 1000;

    private static EmbeddedKafka kafka;
    private static RouterConfig config;
    private static Topics topics;
    private static KafkaStreams router;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, Map.of());
        config = BrokerTestSupport.config(kafka, Map.of("routing.work_type_pools", "deploy_service=infra_pool_1"));
        topics = Topics.from(config);
        router = BrokerTestSupport.startRouter(config);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close(Duration.ofSeconds(10));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void routesThousandTasksWithOneDecisionPerAttemptAndLearnsWhichAgentIsBetter() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        Set<String> misdelivered = ConcurrentHashMap.newKeySet();
        AgentClient good = agent("good", received, misdelivered, AgentClient.Result.succeeded());
        AgentClient bad = agent("bad", received, misdelivered, AgentClient.Result.failed(true));
        try (good; bad; KafkaProducer<String, WorkTask> tasks = BrokerTestSupport.producer(kafka, topics.tasks())) {
            BrokerTestSupport.awaitRegistered(kafka, topics, "good", "bad");
            for (int i = 0; i < TASKS; i++) {
                String id = "task-" + i;
                tasks.send(new ProducerRecord<>(topics.tasks().name(), id, WorkTask.newBuilder().setTaskId(id)
                        .setWorkType("deploy_service").setSubmittedAt(Instant.now()).build()));
                if (i % 100 == 99) {
                    tasks.flush();
                    Thread.sleep(100);
                }
            }
            tasks.flush();

            // every task ends: assigned to "good" (success), possibly after one failed attempt on "bad"
            List<ConsumerRecord<String, RoutingDecision>> decisions = BrokerTestSupport.readUntil(kafka,
                    topics.decisions(), read -> finishedTasks(read) >= TASKS, Duration.ofSeconds(90));
            assertThat(finishedTasks(decisions)).isEqualTo(TASKS);

            Map<String, List<RoutingDecision>> byTask = decisions.stream().map(ConsumerRecord::value)
                    .collect(Collectors.groupingBy(RoutingDecision::getTaskId));
            assertThat(byTask).hasSize(TASKS);
            byTask.forEach((task, list) -> {
                List<Integer> attempts = list.stream().map(RoutingDecision::getAttempt).sorted().toList();
                assertThat(attempts).as("attempts of " + task).doesNotHaveDuplicates();
                assertThat(attempts.get(attempts.size() - 1)).isEqualTo(attempts.size() - 1);
            });
            assertThat(decisions).allSatisfy(d -> assertThat(d.value().getOutcome()).isEqualTo(DecisionOutcome.ASSIGNED));

            List<ConsumerRecord<String, Assignment>> assignments = BrokerTestSupport.readUntil(kafka,
                    topics.assignments(), read -> read.size() >= decisions.size(), Duration.ofSeconds(30));
            assertThat(assignments.stream().map(a -> a.value().getDecisionId()).collect(Collectors.toSet()))
                    .isEqualTo(decisions.stream().map(d -> d.value().getDecisionId()).collect(Collectors.toSet()));
            assertThat(assignments).hasSize(decisions.size());
            assertThat(assignments).allSatisfy(a -> assertThat(a.key()).isEqualTo(a.value().getAgentId()));
            assertThat(misdelivered).as("assignments handed to the wrong agent").isEmpty();
            int handed = received.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(handed).isEqualTo(assignments.size());

            // outcomes taught the router: later tasks go straight to the better agent
            for (int i = 0; i < 20; i++) {
                String id = "later-" + i;
                tasks.send(new ProducerRecord<>(topics.tasks().name(), id, WorkTask.newBuilder().setTaskId(id)
                        .setWorkType("deploy_service").setSubmittedAt(Instant.now()).build()));
            }
            tasks.flush();
            List<RoutingDecision> later = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                            read -> read.stream().filter(r -> r.value().getTaskId().startsWith("later-")).count() >= 20,
                            Duration.ofSeconds(30)).stream().map(ConsumerRecord::value)
                    .filter(d -> d.getTaskId().startsWith("later-")).toList();
            assertThat(later).hasSize(20).allSatisfy(d -> {
                assertThat(d.getSelectedAgentId()).isEqualTo("good");
                assertThat(d.getReason()).startsWith("Selected based on 100% success rate");
                assertThat(d.getCandidates().stream().filter(c -> c.getAgentId().equals("bad")).findFirst()
                        .orElseThrow().getSuccessPoints()).isZero();
            });
            System.out.printf("end-to-end: %d tasks, %d decisions, %d assignments (%d to good, %d to bad)%n",
                    TASKS, decisions.size(), assignments.size(), received.get("good").get(),
                    received.get("bad").get());
        }
    }

    private static long finishedTasks(List<ConsumerRecord<String, RoutingDecision>> decisions) {
        // a task is finished when its latest decision went to the agent that always succeeds
        Map<String, RoutingDecision> latest = new HashMap<>();
        for (ConsumerRecord<String, RoutingDecision> r : decisions) {
            latest.merge(r.value().getTaskId(), r.value(), (a, b) -> a.getAttempt() >= b.getAttempt() ? a : b);
        }
        return latest.values().stream().filter(d -> "good".equals(d.getSelectedAgentId())).count();
    }

    private static AgentClient agent(String id, Map<String, AtomicInteger> received, Set<String> misdelivered,
                                     AgentClient.Result result) {
        received.put(id, new AtomicInteger());
        AgentClient client = AgentClient.builder(kafka.bootstrapServers(), topics).agentId(id).pool("infra_pool_1")
                .capabilities("deploy_service").heartbeatInterval(Duration.ofSeconds(2)).build();
        client.start(assignment -> {
            if (!assignment.getAgentId().equals(id)) {
                misdelivered.add(assignment.getDecisionId());
            }
            received.get(id).incrementAndGet();
            return result;
        });
        return client;
    }
}
