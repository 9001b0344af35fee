package io.agentrouter.topology;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A running instance's input progress, from its main consumers' {@code records-lag} per partition
 * (end of log minus fetch position, as of the last fetch). A partition this instance has not
 * fetched yet has no such metric: one asked for by number is then not caught up (right after a
 * start or a takeover), while a topic asked for as a whole counts only the partitions it holds.
 */
final class ConsumerLagProgress implements InputProgress {

    private volatile Supplier<Map<MetricName, ? extends Metric>> metrics = Map::of;

    /** Reads the metrics of this instance's Kafka Streams client from now on. */
    void attach(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean caughtUp(Predicate<String> topic, int partition) {
        int seen = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            MetricName name = entry.getKey();
            if (!name.name().equals("records-lag") || !name.group().equals("consumer-fetch-manager-metrics")
                    || name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")) {
                continue;
            }
            String t = name.tags().get("topic");
            String p = name.tags().get("partition");
            if (t == null || p == null || !topic.test(t) || (partition >= 0 && Integer.parseInt(p) != partition)) {
                continue;
            }
            Object lag = entry.getValue().metricValue();
            if (!(lag instanceof Double d) || d.isNaN() || d > 0) {
                return false;
            }
            seen++;
        }
        return partition < 0 || seen > 0; // a partition asked for by number must have been fetched
    }
}
