package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties from the router configuration. */
public final class StreamsProperties {

    private StreamsProperties() {
    }

    public static Properties from(RouterConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(Setting.APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(Setting.BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.get(Setting.PROCESSING_GUARANTEE));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.get(Setting.COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.get(Setting.NUM_STANDBY_REPLICAS));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(Setting.REPLICATION_FACTOR));
        // an unnamed store, changelog or repartition topic fails at start-up instead of getting a generated name
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // the performance table restores from its own source topic instead of a second copy
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // Batches that fill instead of 16 KB ones sent after 100 ms: with 3 KB decisions the defaults capped
        // even the pipe baseline well below what the broker takes
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // Every record waits for a fetch, and a task or outcome not on its pool's partition for two (via the
        // pool-events repartition): fetches that waited up to 500 ms for more data showed in the latency
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 5);
        p.putAll(config.kafkaPassthrough());
        return p;
    }
}
