package io.agentrouter.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition holds a pool. The pool-events topic is partitioned by it, and a task or outcome
 * produced to the same partition number of its topic reaches the pool router in place, skipping
 * the repartition (one transaction instead of two). A record anywhere else still gets there, one
 * hop later.
 *
 * <p>The function is Kafka's default partitioning of a record keyed by the pool name (murmur2 of
 * its UTF-8 bytes), so a producer in any language can place tasks by keying a copy of the rule.
 */
public final class PoolPlacement {

    private PoolPlacement() {
    }

    public static int partitionOf(String pool, int partitions) {
        return Utils.toPositive(Utils.murmur2(pool.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The partition of {@code topic} for a record about {@code pool}, from the producer's metadata. */
    public static int partitionOf(String pool, Producer<?, ?> producer, String topic) {
        return partitionOf(pool, producer.partitionsFor(topic).size());
    }
}
