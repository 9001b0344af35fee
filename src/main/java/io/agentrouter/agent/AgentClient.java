package io.agentrouter.agent;

import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.Difficulty;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;

/**
 * The agents' side of the router. An agent registers and heartbeats on a schedule, receives only its
 * own assignments and reports each outcome with the decision id it was given:
 *
 * <pre>{@code
 * Topics topics = Topics.from(RouterConfig.defaults());
 * try (AgentClient agent = AgentClient.builder("localhost:9092", topics)
 *         .agentId("deployer-7").agentType(AgentType.INFRA).pool("infra_pool_1")
 *         .capabilities("deploy_service").specializations("deployment_expert")
 *         .build()) {
 *     agent.start(assignment -> {
 *         deploy(assignment.getTask());            // your work
 *         return AgentClient.Result.succeeded();   // or Result.failed(retryable)
 *     });
 *     Thread.currentThread().join();
 * }
 * }</pre>
 *
 * <p>Assignments are keyed by agent id, so the client reads only the one partition its id hashes
 * to and passes on only records with its own key; it keeps its position in a consumer group of its
 * own ({@code agent-<id>}), so a restarted agent resumes where it stopped. It reads committed records
 * only, because the router writes in transactions. Closing sends an OFFLINE heartbeat so the router
 * re-routes anything the agent still held.
 */
public final class AgentClient implements AutoCloseable {

    /** Does the work of one assignment. Runs on the client's worker threads. */
    @FunctionalInterface
    public interface TaskHandler {
        Result handle(Assignment assignment) throws Exception;
    }

    /** How an attempt ended. A handler that throws reports a retryable failure. */
    public record Result(OutcomeStatus status, boolean retryable, Difficulty difficulty) {
        public static Result succeeded() {
            return new Result(OutcomeStatus.SUCCEEDED, false, null);
        }

        public static Result failed(boolean retryable) {
            return new Result(OutcomeStatus.FAILED, retryable, null);
        }

        public Result withDifficulty(Difficulty difficulty) {
            return new Result(status, retryable, difficulty);
        }
    }

    private final Builder config;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ScheduledExecutorService heartbeats;
    private final ExecutorService workers;
    private final AtomicReference<AgentStatus> status = new AtomicReference<>(AgentStatus.ONLINE);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean crashed;
    private Thread poller;

    private AgentClient(Builder config) {
        this.config = config;
        Map<String, Object> common = new HashMap<>(config.clientProperties);
        common.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);

        Map<String, Object> producerProps = new HashMap<>(common);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "agent-" + config.agentId);
        producer = new KafkaProducer<>(producerProps, Serdes.String().serializer(), Serdes.ByteArray().serializer());

        Map<String, Object> consumerProps = new HashMap<>(common);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "agent-" + config.agentId);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "agent-" + config.agentId);
        consumer = new KafkaConsumer<>(consumerProps, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());

        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat-" + config.agentId));
        workers = Executors.newFixedThreadPool(config.concurrency, r -> daemon(r, "worker-" + config.agentId));
    }

    public static Builder builder(String bootstrapServers, Topics topics) {
        return new Builder(bootstrapServers, topics);
    }

    public String agentId() {
        return config.agentId;
    }

    /** Starts listening for assignments, then registers (so no assignment can arrive unseen). */
    public void start(TaskHandler handler) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        String topic = config.topics.assignments().name();
        int partitions = consumer.partitionsFor(topic).size();
        TopicPartition mine = new TopicPartition(topic, partitionOf(config.agentId, partitions));
        consumer.assign(List.of(mine));
        consumer.position(mine); // fixes the start position before the first heartbeat
        poller = new Thread(() -> poll(handler), "assignments-" + config.agentId);
        poller.setDaemon(true);
        poller.start();
        heartbeat();
        heartbeats.scheduleAtFixedRate(this::heartbeat, config.heartbeatInterval.toMillis(),
                config.heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reports a new status (e.g. BUSY) with the next heartbeat, sent now. */
    public void setStatus(AgentStatus newStatus) {
        status.set(Objects.requireNonNull(newStatus));
        heartbeat();
    }

    /** The partition the default partitioner gives a record keyed by this agent id. */
    static int partitionOf(String agentId, int partitions) {
        return Utils.toPositive(Utils.murmur2(agentId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % partitions;
    }

    private void poll(TaskHandler handler) {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (config.agentId.equals(record.key())) {
                        Assignment assignment = config.topics.assignments().valueSerde().deserializer()
                                .deserialize(record.topic(), record.value());
                        workers.submit(() -> execute(handler, assignment));
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void execute(TaskHandler handler, Assignment assignment) {
        long started = System.nanoTime();
        Result result;
        try {
            result = handler.handle(assignment);
        } catch (Exception e) {
            result = Result.failed(true);
        }
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        TaskOutcome outcome = TaskOutcome.newBuilder()
                .setTaskId(assignment.getTask().getTaskId())
                .setDecisionId(assignment.getDecisionId())
                .setAgentId(config.agentId)
                .setPoolName(assignment.getPoolName())
                .setWorkType(assignment.getTask().getWorkType())
                .setStatus(result.status())
                .setRetryable(result.retryable())
                .setDifficulty(result.difficulty())
                .setDurationMs(durationMs)
                .setFinishedAt(Instant.now())
                .build();
        // on the pool's partition, where the router checks it without a repartition
        String topic = config.topics.outcomes().name();
        producer.send(new ProducerRecord<>(topic, PoolPlacement.partitionOf(assignment.getPoolName(), producer, topic),
                outcome.getTaskId(), config.topics.outcomes().valueSerde().serializer().serialize(null, outcome)));
    }

    private void heartbeat() {
        Heartbeat heartbeat = Heartbeat.newBuilder()
                .setAgentId(config.agentId)
                .setAgentType(config.agentType)
                .setPoolName(config.pool)
                .setCapabilities(config.capabilities)
                .setSpecializations(config.specializations)
                .setStatus(status.get())
                .build();
        send(config.topics.heartbeats().name(), config.agentId,
                config.topics.heartbeats().valueSerde().serializer().serialize(null, heartbeat));
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /**
     * Stops without a word, as a killed process would: no OFFLINE heartbeat, no more outcomes. The
     * router notices when the heartbeats stop (the TTL) and re-routes what the agent held. For tests
     * and demonstrations of failure handling.
     */
    public void crash() {
        crashed = true;
        if (running.getAndSet(false)) {
            heartbeats.shutdownNow();
            workers.shutdownNow();
            consumer.wakeup();
            try {
                poller.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ZERO);
    }

    /** Says OFFLINE (the router re-routes what this agent still holds) and stops. */
    @Override
    public void close() {
        if (crashed) {
            return;
        }
        if (running.getAndSet(false)) {
            heartbeats.shutdownNow();
            status.set(AgentStatus.OFFLINE);
            heartbeat();
            consumer.wakeup();
            try {
                poller.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ZERO);
        }
        workers.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Who the agent is and how it talks to Kafka. */
    public static final class Builder {
        private final String bootstrapServers;
        private final Topics topics;
        private String agentId;
        private AgentType agentType = AgentType.INFRA;
        private String pool;
        private List<String> capabilities = List.of();
        private List<String> specializations = List.of();
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private int concurrency = 1;
        private final Map<String, Object> clientProperties = new HashMap<>();

        private Builder(String bootstrapServers, Topics topics) {
            this.bootstrapServers = bootstrapServers;
            this.topics = topics;
        }

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        public Builder agentType(AgentType agentType) {
            this.agentType = agentType;
            return this;
        }

        public Builder pool(String pool) {
            this.pool = pool;
            return this;
        }

        public Builder capabilities(String... workTypes) {
            this.capabilities = List.of(workTypes);
            return this;
        }

        public Builder specializations(String... tags) {
            this.specializations = List.of(tags);
            return this;
        }

        /** Keep it well under the router's heartbeat TTL (default 30 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /** Assignments worked on at once (default 1). */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Extra Kafka client settings, e.g. security.protocol and sasl.jaas.config. */
        public Builder clientProperty(String key, Object value) {
            this.clientProperties.put(key, value);
            return this;
        }

        public AgentClient build() {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(pool, "pool");
            return new AgentClient(this);
        }
    }
}
