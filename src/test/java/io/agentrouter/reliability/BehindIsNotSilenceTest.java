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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Agents keep heartbeating while the router cannot keep up with them: stopped for three TTLs, or
 * held more than a TTL behind by a backlog of tasks. Being behind is not silence (ROUTING.md
 * "Clocks"): nobody is expired, nothing is re-routed, no task is rejected for want of online agents.
 */
@Tag("reliability")
class BehindIsNotSilenceTest {

    private static final Duration TTL = Duration.ofSeconds(6);
    /** Four heartbeats long, short enough that routing the backlog holds the router behind for longer. */
    private static final Duration SHORT_TTL = Duration.ofSeconds(2);

    @Test
    void aRouterStoppedForThreeTtlsExpiresNobodyWhenItComesBack() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            RouterConfig config = config(kafka, "stopped", TTL);
            Topics topics = Topics.from(config);
            KafkaStreams router = BrokerTestSupport.startRouter(config); // creates the topics the agents look up
            try (TestFleet fleet = new TestFleet(kafka.bootstrapServers(), topics, 1, 3, 1.0, Map.of());
                 Producing tasks = new Producing(kafka, topics, 20)) {
                BrokerTestSupport.awaitRegistered(kafka, topics, "p1-agent-1", "p1-agent-2", "p1-agent-3");
                tasks.start();
                Thread.sleep(3_000);
                router.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(10)));
                Thread.sleep(TTL.multipliedBy(3).toMillis());
                router = BrokerTestSupport.startRouter(config);
                Thread.sleep(TTL.multipliedBy(2).toMillis());
                tasks.stop();
                try {
                    assertNotTreatedAsSilent(kafka, topics, tasks.sent());
                } finally {
                    router.close(Duration.ofSeconds(10));
                }
            }
        }
    }

    @Test
    void aRouterHeldMoreThanATtlBehindByABacklogExpiresNobody() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            RouterConfig config = config(kafka, "behind", SHORT_TTL);
            Topics topics = Topics.from(config);
            KafkaStreams router = BrokerTestSupport.startRouter(config);
            // agents that only heartbeat, so that routing the backlog, not the agents' work, is what takes time
            try (Heartbeating agents = new Heartbeating(kafka, topics, Duration.ofMillis(500), "a-1", "a-2", "a-3");
                 Producing tasks = new Producing(kafka, topics, 0)) {
                try {
                    BrokerTestSupport.awaitRegistered(kafka, topics, "a-1", "a-2", "a-3");
                    long started = System.nanoTime();
                    tasks.burst(60_000); // as fast as the producer goes: the router takes far longer than a TTL
                    long backlogMs = awaitDecisions(kafka, topics, tasks.sent(), started);
                    System.out.printf("backlog of %d tasks routed in %d ms (TTL %d ms)%n", tasks.sent(), backlogMs,
                            SHORT_TTL.toMillis());
                    assertThat(backlogMs).as("the router was behind for more than a TTL")
                            .isGreaterThan(SHORT_TTL.toMillis());
                    assertNotTreatedAsSilent(kafka, topics, tasks.sent());
                } finally {
                    router.close(Duration.ofSeconds(10));
                }
            }
        }
    }

    private static RouterConfig config(EmbeddedKafka kafka, String name, Duration ttl) {
        return BrokerTestSupport.config(kafka, Map.of("topics.prefix", name + ".", "kafka.application.id",
                name + "-router", "routing.work_type_pools", TestFleet.workTypePools(1),
                "routing.heartbeat_ttl", ttl.toString(), "kafka.commit.interval.ms", "100"));
    }

    private static void assertNotTreatedAsSilent(EmbeddedKafka kafka, Topics topics, int sent) {
        List<RoutingDecision> decisions = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                read -> read.size() >= sent, Duration.ofSeconds(120)).stream().map(ConsumerRecord::value).toList();
        assertThat(decisions.size()).as("decisions").isGreaterThanOrEqualTo(sent);
        assertThat(decisions).filteredOn(d -> d.getReason().contains("no online agents"))
                .as("tasks rejected for want of online agents").isEmpty();
        assertThat(decisions).filteredOn(d -> d.getAttempt() > 0).as("re-routed attempts").isEmpty();
        List<AgentRecord> registry = BrokerTestSupport.readUntil(kafka, topics.registry(), read -> false,
                Duration.ofSeconds(2)).stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList();
        assertThat(registry).extracting(AgentRecord::getStatus).as("registry changes").isNotEmpty()
                .doesNotContain(AgentStatus.OFFLINE);
    }

    private static long awaitDecisions(EmbeddedKafka kafka, Topics topics, int count, long startedNanos) {
        List<ConsumerRecord<String, RoutingDecision>> read = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                r -> r.size() >= count, Duration.ofSeconds(180));
        assertThat(read).as("decisions").hasSizeGreaterThanOrEqualTo(count);
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Heartbeats of ONLINE agents of pool p1 that can do w1, from a thread, until closed. */
    private static final class Heartbeating implements AutoCloseable {
        private final KafkaProducer<String, Heartbeat> producer;
        private final Thread thread;

        Heartbeating(EmbeddedKafka kafka, Topics topics, Duration every, String... agentIds) {
            this.producer = BrokerTestSupport.producer(kafka, topics.heartbeats());
            this.thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (String agent : agentIds) {
                        producer.send(new ProducerRecord<>(topics.heartbeats().name(), agent, Heartbeat.newBuilder()
                                .setAgentId(agent).setAgentType(AgentType.CODE).setPoolName("p1")
                                .setCapabilities(List.of("w1")).setStatus(AgentStatus.ONLINE).build()));
                    }
                    producer.flush();
                    try {
                        Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heartbeats");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Tasks for pool p1: a steady stream of {@code perSecond} from a thread, or one burst. */
    private static final class Producing implements AutoCloseable {
        private final KafkaProducer<String, WorkTask> producer;
        private final Topics topics;
        private final int perSecond;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        Producing(EmbeddedKafka kafka, Topics topics, int perSecond) {
            this.producer = BrokerTestSupport.producer(kafka, topics.tasks());
            this.topics = topics;
            this.perSecond = perSecond;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    send();
                    try {
                        Thread.sleep(1000 / perSecond);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "tasks");
            thread.start();
        }

        void burst(int count) {
            for (int i = 0; i < count; i++) {
                send();
            }
            producer.flush();
        }

        private void send() {
            String id = "t-" + sent.get();
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>(topics.tasks().name(), null, now.toEpochMilli(), id,
                    WorkTask.newBuilder().setTaskId(id).setWorkType("w1").setSubmittedAt(now).build()));
            sent.incrementAndGet();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            producer.flush();
        }

        int sent() {
            return sent.get();
        }

        @Override
        public void close() {
            running.set(false);
            producer.close(Duration.ofSeconds(5));
        }
    }
}
