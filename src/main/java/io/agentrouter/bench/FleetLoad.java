package io.agentrouter.bench;

import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The benchmark's fleet in one process: every agent heartbeats every few seconds, and one responder
 * answers every assignment with an outcome drawn from the agent's skill, so success rates, recent
 * context and load all matter. (The agent client library runs one consumer per agent; at thousands
 * of agents the load generator would then measure itself.)
 */
final class FleetLoad implements AutoCloseable {

    private final List<Heartbeat> agents = new ArrayList<>();
    private final double[] skill;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> assignments;
    private final ScheduledExecutorService heartbeats;
    private final Thread responder;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Topics topics;
    private final int agentsPerPool;

    FleetLoad(String bootstrap, Topics topics, BenchOptions options) {
        this.topics = topics;
        this.agentsPerPool = options.agentsPerPool();
        Random random = new Random(7);
        int capablePerPool = options.capablePerPool();
        skill = new double[options.pools() * options.agentsPerPool()];
        for (int p = 0; p < options.pools(); p++) {
            for (int a = 0; a < options.agentsPerPool(); a++) {
                List<String> capabilities = new ArrayList<>();
                for (int w = 0; w < options.workTypes(); w++) {
                    // the first capablePerPool agents can do every work type; the rest only an unused one
                    capabilities.add(a < capablePerPool ? "w" + w : "other-" + w);
                }
                agents.add(Heartbeat.newBuilder().setAgentId("pool" + p + "-agent" + a).setAgentType(AgentType.CODE)
                        .setPoolName("pool" + p).setCapabilities(capabilities)
                        .setSpecializations(a % 3 == 0 ? List.of("expert") : List.of())
                        .setStatus(AgentStatus.ONLINE).build());
                skill[p * options.agentsPerPool() + a] = 0.5 + 0.5 * random.nextDouble();
            }
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 5,
                "batch.size", 262144), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        assignments = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        List<TopicPartition> partitions = assignments.partitionsFor(topics.assignments().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        assignments.assign(partitions);
        assignments.seekToEnd(partitions);
        partitions.forEach(assignments::position);
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        heartbeats.scheduleAtFixedRate(this::heartbeatAll, 0, 5, TimeUnit.SECONDS);
        responder = new Thread(this::respond, "bench-fleet-responder");
        responder.setDaemon(true);
        responder.start();
    }

    private void heartbeatAll() {
        try {
            for (Heartbeat hb : agents) {
                producer.send(new ProducerRecord<>(topics.heartbeats().name(), hb.getAgentId(),
                        topics.heartbeats().valueSerde().serializer().serialize(null, hb)));
            }
            producer.flush();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the fleet would fall silent and go offline
            System.err.println("bench fleet: heartbeats failed this round (" + e + "); next round in 5 s");
        }
    }

    private void respond() {
        Random random = new Random(11);
        int outcomePartitions = producer.partitionsFor(topics.outcomes().name()).size();
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : assignments.poll(Duration.ofMillis(100))) {
                    Assignment a = topics.assignments().valueSerde().deserializer().deserialize(null, r.value());
                    String agent = a.getAgentId();
                    int pool = Integer.parseInt(agent.substring(4, agent.indexOf('-')));
                    int index = Integer.parseInt(agent.substring(agent.indexOf("agent") + 5));
                    boolean ok = random.nextDouble() < skill[pool * agentsPerPool + index];
                    TaskOutcome outcome = TaskOutcome.newBuilder().setTaskId(a.getTask().getTaskId())
                            .setDecisionId(a.getDecisionId()).setAgentId(agent).setPoolName(a.getPoolName())
                            .setWorkType(a.getTask().getWorkType())
                            .setStatus(ok ? OutcomeStatus.SUCCEEDED : OutcomeStatus.FAILED).setRetryable(false)
                            .setDurationMs(10 + random.nextInt(100)).setFinishedAt(Instant.now()).build();
                    producer.send(new ProducerRecord<>(topics.outcomes().name(),
                            PoolPlacement.partitionOf(a.getPoolName(), outcomePartitions), outcome.getTaskId(),
                            topics.outcomes().valueSerde().serializer().serialize(null, outcome)));
                }
            }
        } catch (WakeupException stopping) {
            // closing
        }
    }

    @Override
    public void close() {
        running.set(false);
        heartbeats.shutdownNow();
        assignments.wakeup();
        try {
            responder.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assignments.close();
        producer.close(Duration.ofSeconds(5));
    }
}
