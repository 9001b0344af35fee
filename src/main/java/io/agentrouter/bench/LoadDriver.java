package io.agentrouter.bench;

import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.WorkTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Sends tasks and watches what comes out: decisions counted on the audit topic, latency from a task's
 * send to its attempt-0 assignment read by a read_committed consumer.
 */
final class LoadDriver implements AutoCloseable {

    private final Topics topics;
    private final BenchOptions options;
    private final boolean assignmentKeyIsTask;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> outputs;
    private final String decisionsTopic;
    private final Map<String, Sent> sentAt = new ConcurrentHashMap<>();
    private final AtomicLong decisionCount = new AtomicLong();
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong decisionBytes = new AtomicLong();
    private final AtomicLong assignmentBytes = new AtomicLong();
    private final AtomicLong assignmentCount = new AtomicLong();
    private final long[] latenciesNanos;
    private final long[] sentNanos; // of each latency sample, for the latency log
    private final long[] ackNanos; // the broker's acknowledgement of each sample's task, for the latency log
    private final long[] appendedNanos; // when each sample's assignment was first readable uncommitted, or 0
    private final Map<String, Long> appendedAt = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> uncommitted; // null unless the latency log is written
    private final Thread uncommittedWatcher;
    private volatile long phaseStartNanos;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread watcher;
    private volatile long firstDecisionNanos;
    private volatile long lastDecisionNanos;
    private volatile long warmDecisionNanos;
    private volatile long warmDecisionCount = -1;
    private final int taskPartitions;
    private final int maxInFlight;
    private long sent;
    private String prefix = "t";

    LoadDriver(String bootstrap, Topics topics, BenchOptions options, boolean assignmentKeyIsTask, int capacity,
               int maxInFlight) {
        this.topics = topics;
        this.maxInFlight = maxInFlight;
        this.options = options;
        this.assignmentKeyIsTask = assignmentKeyIsTask;
        this.latenciesNanos = new long[capacity];
        this.sentNanos = new long[capacity];
        this.ackNanos = new long[capacity];
        this.appendedNanos = new long[capacity];
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 2, "batch.size", 131072,
                "acks", "all"), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        taskPartitions = producer.partitionsFor(topics.tasks().name()).size(); // placed by pool, see send()
        decisionsTopic = topics.decisions().name();
        // one consumer for both topics: two polled in turn would add the wait of one to the other's records
        outputs = fromEnd(bootstrap, List.of(decisionsTopic, topics.assignments().name()), "read_committed");
        watcher = new Thread(this::watch, "bench-watcher");
        watcher.setDaemon(true);
        watcher.start();
        // for the latency log only: when each assignment reached the broker, before its transaction committed
        uncommitted = options.latencyLog() == null ? null
                : fromEnd(bootstrap, List.of(topics.assignments().name()), "read_uncommitted");
        uncommittedWatcher = uncommitted == null ? null : new Thread(this::watchUncommitted, "bench-uncommitted-watcher");
        if (uncommittedWatcher != null) {
            uncommittedWatcher.setDaemon(true);
            uncommittedWatcher.start();
        }
    }

    /**
     * A measuring consumer. Its socket buffer is the OS's (autotuned), not the client's 64 KB default: on
     * loopback (MTU 64 KB) a fetch response larger than that buffer sometimes waited about 200 ms in TCP
     * before the consumer could read it — the ~250 ms stalls of earlier runs (see PERFORMANCE.md).
     */
    private static KafkaConsumer<String, byte[]> fromEnd(String bootstrap, List<String> topics, String isolation) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", isolation, "fetch.max.wait.ms", 5, "receive.buffer.bytes", -1),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Starts a new phase: counters reset, task ids get a new prefix. */
    /** Attempt-0 assignments of this phase's tasks that arrived (each one a latency sample). */
    long assignedTasks() {
        return latencyCount.get();
    }

    void phase(String name) {
        prefix = name;
        decisionCount.set(0);
        latencyCount.set(0);
        decisionBytes.set(0);
        assignmentBytes.set(0);
        assignmentCount.set(0);
        warmDecisionCount = -1;
        firstDecisionNanos = 0;
        sent = 0;
        phaseStartNanos = System.nanoTime();
    }

    /**
     * Sends {@code n} tasks as fast as the system takes them: with at most {@code maxInFlight} sent and
     * not yet decided (0: as fast as the producer takes them). Kafka Streams reads its inputs in
     * timestamp order, so an unbounded backlog of tasks is routed before any outcome the fleet sends
     * meanwhile: the run would measure routing without the outcomes that every task brings.
     */
    void sendAll(int n, LongConsumer progress) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            while (maxInFlight > 0 && sent - decisionCount.get() >= maxInFlight) {
                Thread.sleep(1);
            }
            send();
            if (i % 1000 == 999) {
                progress.accept(i + 1);
            }
        }
        producer.flush();
    }

    /** Sends tasks at a fixed rate for the duration. */
    void sendAtRate(double perSecond, Duration duration, LongConsumer progress) throws InterruptedException {
        long start = System.nanoTime();
        long total = Math.round(perSecond * duration.toMillis() / 1000.0);
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            send();
            if (i % 500 == 499) {
                progress.accept(i + 1);
            }
        }
        producer.flush();
    }

    private void send() {
        long i = sent++;
        String id = prefix + "-" + i;
        String pool = "pool" + (i % options.pools());
        WorkTask task = WorkTask.newBuilder().setTaskId(id).setWorkType("w" + (i % options.workTypes()))
                .setPoolName(pool)
                .setPreferredSpecialization(i % 4 == 0 ? "expert" : null).setSubmittedAt(Instant.now()).build();
        byte[] value = topics.tasks().valueSerde().serializer().serialize(null, task);
        Sent sending = new Sent(System.nanoTime());
        sentAt.put(id, sending);
        // on its pool's partition, as a producer that knows the pool should (every system gets the same)
        producer.send(new ProducerRecord<>(topics.tasks().name(), PoolPlacement.partitionOf(pool, taskPartitions), id,
                value), (metadata, error) -> sending.ackNanos = System.nanoTime());
    }

    /** When a task was sent and when the broker acknowledged it (0 until then). */
    private static final class Sent {
        final long sentNanos;
        volatile long ackNanos;

        Sent(long sentNanos) {
            this.sentNanos = sentNanos;
        }
    }

    private void watch() {
        try {
            watchUntilClosed();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable assignment", e);
        }
    }

    private void watchUntilClosed() throws IOException {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : outputs.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    if (r.topic().equals(decisionsTopic)) {
                        decision(r, now);
                    } else {
                        assignment(r, now);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        }
    }

    private void watchUncommitted() {
        BinaryDecoder[] decoder = new BinaryDecoder[1];
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : uncommitted.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    String taskId = assignmentKeyIsTask ? r.key() : firstAttemptTaskId(r.value(), decoder);
                    if (taskId != null && sentAt.containsKey(taskId)) {
                        appendedAt.putIfAbsent(taskId, now);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable assignment", e);
        }
    }

    private void decision(ConsumerRecord<String, byte[]> d, long now) {
        decisionBytes.addAndGet(d.value().length);
        long count = decisionCount.incrementAndGet();
        if (firstDecisionNanos == 0) {
            firstDecisionNanos = now;
        }
        lastDecisionNanos = now;
        if (warmDecisionCount < 0 && count >= Math.max(1, sent / 5)) {
            warmDecisionCount = count;
            warmDecisionNanos = now;
        }
    }

    private void assignment(ConsumerRecord<String, byte[]> r, long now) throws IOException {
        assignmentBytes.addAndGet(r.value().length);
        assignmentCount.incrementAndGet();
        String taskId = assignmentKeyIsTask ? r.key() : firstAttemptTaskId(r.value(), reuse);
        Sent sent = taskId == null ? null : sentAt.remove(taskId);
        Long appended = taskId == null || uncommitted == null ? null : appendedAt.remove(taskId);
        if (sent != null) {
            long n = latencyCount.getAndIncrement();
            if (n < latenciesNanos.length) {
                latenciesNanos[(int) n] = now - sent.sentNanos;
                sentNanos[(int) n] = sent.sentNanos;
                ackNanos[(int) n] = sent.ackNanos;
                appendedNanos[(int) n] = appended == null ? 0 : appended;
            }
        }
    }

    private final BinaryDecoder[] reuse = new BinaryDecoder[1];

    /**
     * The task id of an attempt-0 assignment, else null, read from the front of the record without
     * decoding the rest (on two shared cores the watcher's full Avro decode took CPU from the router).
     * Assignment: single-object header (10 bytes), decision_id, agent_id, pool_name, attempt,
     * assigned_at, then the task, whose first field is task_id.
     */
    private static String firstAttemptTaskId(byte[] value, BinaryDecoder[] reuse) throws IOException {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, reuse[0]);
        reuse[0] = in;
        in.skipString();
        in.skipString();
        in.skipString();
        if (in.readInt() != 0) {
            return null;
        }
        in.readLong();
        return in.readString();
    }

    int averageDecisionBytes() {
        return (int) (decisionBytes.get() / Math.max(1, decisionCount.get()));
    }

    int averageAssignmentBytes() {
        return (int) (assignmentBytes.get() / Math.max(1, assignmentCount.get()));
    }

    long decisions() {
        return decisionCount.get();
    }

    /** Waits until {@code n} decisions of the phase were seen. */
    boolean awaitDecisions(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (decisionCount.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return decisionCount.get() >= n;
    }

    /**
     * Waits until no decision arrived for {@code quiet}: the backlog of the phase (retries after the
     * fleet's failures included) has drained, so the next phase measures only its own tasks.
     */
    void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - lastDecisionNanos < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Decisions per second after the first fifth of the phase (warm-up) until the last one. */
    double sustainedDecisionsPerSecond() {
        long from = warmDecisionCount < 0 ? 0 : warmDecisionCount;
        double seconds = sustainedSeconds();
        return seconds <= 0 ? 0 : (decisionCount.get() - from) / seconds;
    }

    /** The time over which {@link #sustainedDecisionsPerSecond()} counts. */
    double sustainedSeconds() {
        long fromNanos = warmDecisionCount < 0 ? firstDecisionNanos : warmDecisionNanos;
        return (lastDecisionNanos - fromNanos) / 1e9;
    }

    /** p50, p95, p99, max in milliseconds. */
    double[] latencyPercentilesMs() {
        int n = (int) Math.min(latencyCount.get(), latenciesNanos.length);
        if (n == 0) {
            return new double[] {0, 0, 0, 0};
        }
        long[] sorted = Arrays.copyOf(latenciesNanos, n);
        Arrays.sort(sorted);
        return new double[] {sorted[(int) (n * 0.50)] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.95))] / 1e6,
                sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6, sorted[n - 1] / 1e6};
    }

    /**
     * One line per latency sample of this phase: the system, when the task was sent (ms into the phase),
     * its latency, how long the broker took to acknowledge the task, and when its assignment was first
     * readable uncommitted (before its transaction committed); a field is empty when the committed read came first.
     */
    void writeLatencyLog(String system, int round, Appendable out) throws IOException {
        int n = (int) Math.min(latencyCount.get(), latenciesNanos.length);
        for (int i = 0; i < n; i++) {
            out.append(String.format(Locale.ROOT, "%s,%.3f,%.3f,%s,%s,%d%n", system,
                    (sentNanos[i] - phaseStartNanos) / 1e6, latenciesNanos[i] / 1e6, sinceSent(ackNanos[i], i),
                    sinceSent(appendedNanos[i], i), round));
        }
    }

    private String sinceSent(long nanos, int sample) {
        return nanos == 0 ? "" : String.format(Locale.ROOT, "%.3f", (nanos - sentNanos[sample]) / 1e6);
    }

    @Override
    public void close() {
        running.set(false);
        outputs.wakeup();
        if (uncommitted != null) {
            uncommitted.wakeup();
        }
        try {
            watcher.join(3000);
            if (uncommittedWatcher != null) {
                uncommittedWatcher.join(3000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outputs.close();
        if (uncommitted != null) {
            uncommitted.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
