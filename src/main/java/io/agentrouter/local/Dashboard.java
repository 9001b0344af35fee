package io.agentrouter.local;

import io.agentrouter.contract.Topics;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * What local mode shows a person: decisions per second, the latest decisions with their reasons,
 * and rows in PostgreSQL. Reads the audit topic without a consumer group (it moves no offsets).
 */
final class Dashboard implements AutoCloseable {

    private final KafkaConsumer<String, RoutingDecision> consumer;
    private final PrintStream out;
    private final LongSupplier rowsInPostgres;
    private final Deque<RoutingDecision> latest = new ArrayDeque<>();
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private final Thread printer;

    Dashboard(String bootstrapServers, Topics topics, PrintStream out, LongSupplier rowsInPostgres,
              Duration every) {
        this.out = out;
        this.rowsInPostgres = rowsInPostgres;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topics.decisions().keySerde().deserializer(), topics.decisions().valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.decisions().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "dashboard-reader");
        reader.setDaemon(true);
        reader.start();
        printer = new Thread(() -> print(every), "dashboard-printer");
        printer.setDaemon(true);
        printer.start();
    }

    long decisions() {
        return assigned.get() + rejected.get();
    }

    private void read() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, RoutingDecision> r : consumer.poll(Duration.ofMillis(200))) {
                    (r.value().getOutcome() == DecisionOutcome.ASSIGNED ? assigned : rejected).incrementAndGet();
                    synchronized (latest) {
                        latest.addFirst(r.value());
                        if (latest.size() > 4) {
                            latest.removeLast();
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void print(Duration every) {
        long previous = 0;
        long previousAt = System.nanoTime();
        while (running.get()) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long total = decisions();
            double perSecond = (total - previous) / ((now - previousAt) / 1e9);
            previous = total;
            previousAt = now;
            StringBuilder screen = new StringBuilder();
            screen.append(String.format("[%s] %.1f decisions/s · %d decisions (%d assigned, %d rejected) · "
                            + "%d rows in PostgreSQL routing_decisions%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
                    perSecond, total, assigned.get(), rejected.get(), rowsInPostgres.getAsLong()));
            synchronized (latest) {
                for (RoutingDecision d : latest) {
                    screen.append(String.format("    %s %-15s -> %-10s %s%n",
                            d.getTaskId().substring(0, Math.min(8, d.getTaskId().length())), d.getWorkType(),
                            d.getOutcome() == DecisionOutcome.ASSIGNED
                                    ? d.getSelectedAgentId() + String.format(" (%.1f)", d.getScore()) : "REJECTED",
                            (d.getAttempt() > 0 ? "[attempt " + d.getAttempt() + "] " : "") + d.getReason()));
                }
            }
            out.print(screen);
            out.flush();
        }
    }

    @Override
    public void close() {
        running.set(false);
        printer.interrupt();
        consumer.wakeup();
        try {
            reader.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
