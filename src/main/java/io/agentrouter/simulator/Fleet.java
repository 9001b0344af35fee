package io.agentrouter.simulator;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.config.ValueType;
import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.Difficulty;
import io.agentrouter.model.WorkTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Simulated agents (built on {@link AgentClient}) that work their assignments and report outcomes,
 * and a producer that submits tasks at a steady rate.
 */
public final class Fleet implements AutoCloseable {

    private final List<AgentClient> agents = new ArrayList<>();
    private final KafkaProducer<String, WorkTask> producer;
    private final ScheduledExecutorService scheduler;

    private Fleet(KafkaProducer<String, WorkTask> producer, ScheduledExecutorService scheduler) {
        this.producer = producer;
        this.scheduler = scheduler;
    }

    /** Starts every agent of the plan, then submits {@code tasksPerSecond} tasks per second. */
    public static Fleet start(String bootstrapServers, Topics topics, FleetPlan plan, double tasksPerSecond) {
        KafkaProducer<String, WorkTask> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                topics.tasks().keySerde().serializer(), topics.tasks().valueSerde().serializer());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "task-producer");
            t.setDaemon(true);
            return t;
        });
        Fleet fleet = new Fleet(producer, scheduler);
        for (FleetPlan.SimulatedAgent a : plan.agents()) {
            AgentClient client = AgentClient.builder(bootstrapServers, topics).agentId(a.id()).agentType(a.type())
                    .pool(a.pool()).capabilities(a.capabilities().toArray(String[]::new))
                    .specializations(a.specializations().toArray(String[]::new))
                    .heartbeatInterval(Duration.ofSeconds(5)).concurrency(4).build();
            client.start(assignment -> work(a.skill()));
            fleet.agents.add(client);
        }
        long periodMicros = (long) (1_000_000 / tasksPerSecond);
        Random random = new Random(42);
        Map<String, String> pools = ValueType.PAIRS.parser().apply(plan.workTypePools());
        scheduler.scheduleAtFixedRate(() -> {
            String workType = plan.workTypes().get(random.nextInt(plan.workTypes().size()));
            if (workType.equals("paint_fence") && random.nextInt(5) != 0) {
                workType = "deploy_service"; // keep rejections rare
            }
            String id = UUID.randomUUID().toString();
            String pool = pools.get(workType);
            // on its pool's partition when the pool is known: routed without a repartition
            Integer partition = pool == null ? null : PoolPlacement.partitionOf(pool, producer, topics.tasks().name());
            producer.send(new ProducerRecord<>(topics.tasks().name(), partition, id, WorkTask.newBuilder()
                    .setTaskId(id).setWorkType(workType).setSubmittedAt(Instant.now()).build()));
        }, 1000, periodMicros, TimeUnit.MICROSECONDS);
        return fleet;
    }

    /** A simulated attempt: takes 50-300 ms and succeeds with the agent's skill. */
    private static AgentClient.Result work(double skill) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Thread.sleep(50 + random.nextInt(250));
        if (random.nextDouble() < skill) {
            return AgentClient.Result.succeeded()
                    .withDifficulty(random.nextBoolean() ? Difficulty.STRAIGHTFORWARD : Difficulty.TRICKY);
        }
        return AgentClient.Result.failed(random.nextInt(10) < 8).withDifficulty(Difficulty.FAILED);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        agents.parallelStream().forEach(AgentClient::close);
    }
}
