package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.BrokerTestSupport;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.WorkTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Under a steady load on a real broker: an agent that dies silently goes OFFLINE after the TTL and its
 * tasks are re-routed; an agent that takes work and never answers has its attempts time out and
 * re-routed; a task that keeps failing ends with one final decision at max_retries. All of it is in
 * the audit topic.
 */
@Tag("reliability")
class LivenessUnderLoadTest {

    @Test
    void silentAgentsExpireTimeoutsRerouteAndRetriesStop() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            RouterConfig config = BrokerTestSupport.config(kafka, Map.of(
                    "routing.work_type_pools", "w=p,v=q", "routing.heartbeat_ttl", "PT3S",
                    "routing.assignment_timeout", "PT4S", "routing.timer_interval", "PT0.5S",
                    "routing.max_retries", "2"));
            Topics topics = Topics.from(config);
            Set<String> succeeded = ConcurrentHashMap.newKeySet();
            AtomicInteger crasherHandled = new AtomicInteger();
            List<AgentClient> agents = new ArrayList<>();
            try (KafkaStreams router = BrokerTestSupport.startRouter(config);
                 AuditLedger ledger = new AuditLedger(kafka.bootstrapServers(), topics, Map.of());
                 KafkaProducer<String, WorkTask> producer = BrokerTestSupport.producer(kafka, topics.tasks())) {
                for (String id : List.of("steady-1", "steady-2")) {
                    agents.add(agent(kafka, topics, id, "p", "w", a -> {
                        succeeded.add(a);
                        return AgentClient.Result.succeeded();
                    }));
                }
                AgentClient crasher = agent(kafka, topics, "crasher", "p", "w", a -> {
                    crasherHandled.incrementAndGet();
                    succeeded.add(a);
                    return AgentClient.Result.succeeded();
                });
                agents.add(crasher);
                agents.add(agent(kafka, topics, "blackhole", "p", "w", a -> {
                    Thread.sleep(Duration.ofHours(1).toMillis()); // takes the work, never answers
                    return AgentClient.Result.succeeded();
                }));
                agents.add(agent(kafka, topics, "failer", "q", "v", a -> AgentClient.Result.failed(true)));
                BrokerTestSupport.awaitRegistered(kafka, topics, "steady-1", "steady-2", "crasher", "blackhole",
                        "failer");

                Set<String> tasks = new HashSet<>();
                for (int i = 0; i < 400; i++) {
                    String id = (i % 20 == 0 ? "v-" : "w-") + i;
                    tasks.add(id);
                    producer.send(new ProducerRecord<>(topics.tasks().name(), id, WorkTask.newBuilder().setTaskId(id)
                            .setWorkType(id.startsWith("v-") ? "v" : "w").setSubmittedAt(Instant.now()).build()));
                    if (i == 100) {
                        crasher.crash();
                    }
                    Thread.sleep(10);
                }
                producer.flush();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (ledger.finishedTasks(succeeded) < tasks.size() && System.nanoTime() < deadline) {
                    ledger.poll();
                }
                ledger.poll();
                AuditLedger.Report report = ledger.report(tasks, succeeded);

                List<RoutingDecision> all = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                        r -> r.size() >= report.decisions(), Duration.ofSeconds(30)).stream()
                        .map(ConsumerRecord::value).toList();
                Map<String, List<RoutingDecision>> byTask = all.stream()
                        .collect(Collectors.groupingBy(RoutingDecision::getTaskId));
                long timedOut = reroutedAway(byTask, "blackhole", Duration.ofSeconds(4));
                long expired = reroutedAway(byTask, "crasher", Duration.ZERO);
                List<RoutingDecision> exhausted = all.stream()
                        .filter(d -> d.getReason().equals("retries exhausted after 3 attempts")).toList();
                List<AgentRecord> registry = BrokerTestSupport.readUntil(kafka, topics.registry(),
                        r -> r.stream().anyMatch(x -> x.key().equals("crasher")
                                && x.value() != null && x.value().getStatus() == AgentStatus.OFFLINE),
                        Duration.ofSeconds(20)).stream().map(ConsumerRecord::value).toList();

                System.out.printf("liveness: %s; re-routed after timeout (blackhole) %d, after expiry (crasher) %d,"
                        + " crasher handled %d before dying, retries exhausted %d%n", report, timedOut, expired,
                        crasherHandled.get(), exhausted.size());
                System.out.println("rejections by reason: " + all.stream().filter(d -> d.getOutcome() == DecisionOutcome.REJECTED)
                        .collect(Collectors.groupingBy(RoutingDecision::getReason, Collectors.counting())));
                assertThat(report.clean()).as(report.toString()).isTrue();
                assertThat(timedOut).as("attempts that timed out and were re-routed").isPositive();
                assertThat(expired).as("tasks of the silent agent re-routed after expiry").isPositive();
                assertThat(registry).anySatisfy(r -> {
                    assertThat(r.getAgentId()).isEqualTo("crasher");
                    assertThat(r.getStatus()).isEqualTo(AgentStatus.OFFLINE);
                });
                assertThat(exhausted).hasSize(20).allSatisfy(d -> {
                    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
                    assertThat(d.getAttempt()).isEqualTo(3);
                    assertThat(d.getRetried()).isEqualTo(1);
                });
                assertThat(router.state()).isEqualTo(KafkaStreams.State.RUNNING);
            } finally {
                agents.forEach(AgentClient::close);
            }
        }
    }

    /**
     * Tasks with an attempt held by {@code agent} followed by a later attempt that excluded it, at
     * least {@code after} later.
     */
    private static long reroutedAway(Map<String, List<RoutingDecision>> byTask, String agent, Duration after) {
        long count = 0;
        for (List<RoutingDecision> decisions : byTask.values()) {
            List<RoutingDecision> ordered = decisions.stream()
                    .sorted(Comparator.comparingInt(RoutingDecision::getAttempt)).toList();
            for (int i = 0; i + 1 < ordered.size(); i++) {
                RoutingDecision held = ordered.get(i);
                RoutingDecision next = ordered.get(i + 1);
                if (agent.equals(held.getSelectedAgentId())
                        && (next.getExcludedAgents().contains(agent) || next.getOutcome() == DecisionOutcome.REJECTED
                        || !agent.equals(next.getSelectedAgentId()))
                        && !Duration.between(held.getCreatedAt(), next.getCreatedAt()).minus(after).isNegative()) {
                    count++;
                }
            }
        }
        return count;
    }

    private interface Handler {
        AgentClient.Result handle(String decisionId) throws Exception;
    }

    private static AgentClient agent(EmbeddedKafka kafka, Topics topics, String id, String pool, String workType,
                                     Handler handler) {
        AgentClient agent = AgentClient.builder(kafka.bootstrapServers(), topics).agentId(id).pool(pool)
                .capabilities(workType).heartbeatInterval(Duration.ofSeconds(1)).concurrency(id.equals("blackhole") ? 64 : 4)
                .build();
        agent.start(a -> handler.handle(a.getDecisionId()));
        return agent;
    }
}
