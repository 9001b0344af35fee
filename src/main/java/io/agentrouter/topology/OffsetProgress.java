package io.agentrouter.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running instance's input progress: every half second it asks the brokers for the end of the
 * inputs the timers follow and for the application's committed offsets, which Kafka Streams commits
 * for what it has processed (past the transaction markers once a partition is drained). A partition is
 * caught up at the time of a sample when what was committed reaches the end the sample saw.
 */
final class OffsetProgress implements InputProgress {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetProgress.class);
    private static final Duration EVERY = Duration.ofMillis(500);

    /** One sample: when it was taken, which partitions were caught up, which ones this instance reads. */
    private record Sample(long at, Set<TopicPartition> caughtUp, Set<TopicPartition> local) {
    }

    private final Set<String> topics;
    private volatile Sample sample = new Sample(Long.MIN_VALUE, Set.of(), Set.of());

    OffsetProgress(Set<String> topics) {
        this.topics = topics;
    }

    @Override
    public long caughtUpAt(Predicate<String> topic, int partition, long now) {
        Sample s = sample;
        boolean any = false;
        for (TopicPartition tp : s.local()) {
            if (topic.test(tp.topic()) && (partition < 0 || tp.partition() == partition)) {
                if (!s.caughtUp().contains(tp)) {
                    return Long.MIN_VALUE;
                }
                any = true;
            }
        }
        return any || partition < 0 ? s.at() : Long.MIN_VALUE;
    }

    /** Samples until the client stops, on a daemon thread with an admin client of its own. */
    void follow(KafkaStreams streams, Map<String, Object> adminConfig, String applicationId) {
        Thread thread = new Thread(() -> {
            try (Admin admin = Admin.create(adminConfig)) {
                while (streams.state() != KafkaStreams.State.NOT_RUNNING && streams.state() != KafkaStreams.State.ERROR) {
                    try {
                        sample = take(admin, streams, applicationId);
                    } catch (Exception e) {
                        LOG.debug("input progress not sampled: {}", e.toString()); // the last sample stands
                    }
                    Thread.sleep(EVERY.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-router-input-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private Sample take(Admin admin, KafkaStreams streams, String applicationId) throws Exception {
        Set<TopicPartition> local = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                task.topicPartitions().stream().filter(tp -> topics.contains(tp.topic())).forEach(local::add)));
        long at = System.currentTimeMillis();
        if (local.isEmpty()) {
            return new Sample(at, Set.of(), Set.of());
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        local.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> caughtUp = new HashSet<>();
        for (TopicPartition tp : local) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata done = committed.get(tp);
            if (end == 0 || (done != null && done.offset() >= end)) {
                caughtUp.add(tp);
            }
        }
        return new Sample(at, Set.copyOf(caughtUp), Set.copyOf(local));
    }
}
