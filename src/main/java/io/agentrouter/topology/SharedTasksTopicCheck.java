package io.agentrouter.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds other applications that read the router's tasks topic. Two routers (two application ids) on
 * one tasks topic each assign every task, so each task is worked twice; nothing in Kafka stops it.
 */
public final class SharedTasksTopicCheck {

    /** A start-up waits no longer than this for the answer; the check never stops a start-up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private SharedTasksTopicCheck() {
    }

    /** The groups, other than the router's own and {@code ownGroups}, with offsets committed on the topic. */
    public static Set<String> otherGroups(Admin admin, String tasksTopic, String applicationId, Set<String> ownGroups,
                                          Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> found = new TreeSet<>();
        try {
            Collection<GroupListing> groups = admin.listGroups(new ListGroupsOptions().timeoutMs(millisLeft(deadline)))
                    .all().get(millisLeft(deadline), TimeUnit.MILLISECONDS);
            Map<String, ListConsumerGroupOffsetsSpec> consumers = new LinkedHashMap<>();
            Map<String, ListStreamsGroupOffsetsSpec> streams = new LinkedHashMap<>();
            for (GroupListing group : groups) {
                String id = group.groupId();
                GroupType type = group.type().orElse(GroupType.UNKNOWN);
                if (id.equals(applicationId) || ownGroups.contains(id) || type == GroupType.SHARE) {
                    continue;
                }
                if (type == GroupType.STREAMS) {
                    streams.put(id, new ListStreamsGroupOffsetsSpec());
                } else {
                    consumers.put(id, new ListConsumerGroupOffsetsSpec());
                }
            }
            List<Map.Entry<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>>> answers = new ArrayList<>();
            if (!consumers.isEmpty()) {
                var result = admin.listConsumerGroupOffsets(consumers,
                        new ListConsumerGroupOffsetsOptions().timeoutMs(millisLeft(deadline)));
                consumers.keySet().forEach(id -> answers.add(Map.entry(id, result.partitionsToOffsetAndMetadata(id))));
            }
            if (!streams.isEmpty()) {
                var result = admin.listStreamsGroupOffsets(streams,
                        new ListStreamsGroupOffsetsOptions().timeoutMs(millisLeft(deadline)));
                streams.keySet().forEach(id -> answers.add(Map.entry(id, result.partitionsToOffsetAndMetadata(id))));
            }
            for (var answer : answers) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> offsets = answer.getValue()
                            .get(millisLeft(deadline), TimeUnit.MILLISECONDS);
                    if (offsets.entrySet().stream().anyMatch(e -> e.getKey().topic().equals(tasksTopic)
                            && e.getValue() != null)) {
                        found.add(answer.getKey());
                    }
                } catch (java.util.concurrent.ExecutionException unreadable) {
                    // a group we may not describe, or one that went away: not evidence either way
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception unanswered) {
            // the check is advice only: a slow or restricted cluster must not delay or stop the router
        }
        return found;
    }

    /** One warning line when other groups read the tasks topic, else empty. */
    public static Optional<String> warning(Admin admin, String tasksTopic, String applicationId, Set<String> ownGroups,
                                           Duration timeout) {
        Set<String> others = otherGroups(admin, tasksTopic, applicationId, ownGroups, timeout);
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("warning: consumer group" + (others.size() > 1 ? "s " : " ") + "'"
                + String.join("', '", others) + "' also committed offsets on the tasks topic '" + tasksTopic
                + "'; two applications reading one tasks topic both assign every task (this router's application id"
                + " is '" + applicationId + "'): stop the other, or give each router its own topics.prefix");
    }

    private static int millisLeft(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
