package io.agentrouter.replay;

import io.agentrouter.config.StartupException;
import io.agentrouter.contract.Topic;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the audit topic for analysts: from a time (or the start) up to what was committed when the
 * read began. It assigns partitions itself and has no group id, so it never joins a consumer group
 * and never moves anyone's committed offsets, least of all the router's.
 */
public final class AuditReader {

    /** Which decisions to keep; null fields match everything. */
    public record Filter(Instant from, Instant to, String taskId, String workType, String pool, String agentId,
                         DecisionOutcome outcome) {

        public boolean matches(RoutingDecision d) {
            Instant at = d.getCreatedAt();
            return (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to))
                    && (taskId == null || taskId.equals(d.getTaskId()))
                    && (workType == null || workType.equals(d.getWorkType()))
                    && (pool == null || pool.equals(d.getAgentPool()))
                    && (agentId == null || agentId.equals(d.getSelectedAgentId()))
                    && (outcome == null || outcome == d.getOutcome());
        }
    }

    /**
     * Told how far the read has come: records read, and offsets of the range passed. A transactional
     * topic's offsets include commit markers and aborted records, so offsets measure the way and
     * records the result; the last call has {@code offsetsRead == offsetsTotal}.
     */
    @FunctionalInterface
    public interface Progress {
        void update(long records, long offsetsRead, long offsetsTotal);
    }

    private AuditReader() {
    }

    /** Reads every matching decision into {@code sink}; returns how many records were read in all. */
    public static long read(Map<String, Object> clientProperties, Topic<String, RoutingDecision> topic,
                            Filter filter, Consumer<RoutingDecision> sink, Progress progress) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, RoutingDecision> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new StartupException("topic '" + topic.name() + "' does not exist at "
                        + clientProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                        + "; check topics.prefix and topics.decisions, or the address");
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(partitions));
            if (filter.from() != null) {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(p -> query.put(p, filter.from().toEpochMilli()));
                for (Map.Entry<TopicPartition, OffsetAndTimestamp> found : consumer.offsetsForTimes(query).entrySet()) {
                    start.put(found.getKey(), found.getValue() == null ? end.get(found.getKey())
                            : found.getValue().offset());
                }
            }
            partitions.forEach(p -> consumer.seek(p, start.get(p)));
            long total = partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
            long done = 0;
            progress.update(0, 0, total);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, RoutingDecision> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue;
                    }
                    done++;
                    if (filter.matches(record.value())) {
                        sink.accept(record.value());
                    }
                }
                long passed = 0;
                for (TopicPartition p : partitions) {
                    passed += Math.min(consumer.position(p), end.get(p)) - start.get(p);
                }
                progress.update(done, passed, total);
            }
            return done;
        }
    }
}
