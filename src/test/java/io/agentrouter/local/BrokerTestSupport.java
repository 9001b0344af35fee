package io.agentrouter.local;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topic;
import io.agentrouter.topology.RouterStreams;
import io.agentrouter.topology.StreamsProperties;
import io.agentrouter.topology.StreamsStartup;
import io.agentrouter.topology.TopicProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/** Helpers for tests on the real in-process broker. */
public final class BrokerTestSupport {

    private BrokerTestSupport() {
    }

    public static RouterConfig config(EmbeddedKafka kafka, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.application.id", "router-test-" + System.nanoTime());
        settings.put("kafka.commit.interval.ms", "50");
        settings.put("topics.partitions", "3");
        settings.put("kafka.state.dir", TestDirs.create("router-it-").toString());
        settings.putAll(overrides);
        return RouterConfig.of(settings);
    }

    public static KafkaStreams startRouter(RouterConfig config) throws InterruptedException {
        Properties props = StreamsProperties.from(config);
        Map<String, Object> adminProps = new HashMap<>(config.kafkaPassthrough());
        adminProps.put("bootstrap.servers", props.get("bootstrap.servers"));
        try (Admin admin = Admin.create(adminProps)) {
            TopicProvisioner.ensure(admin, config);
        }
        KafkaStreams streams = RouterStreams.create(config, props);
        streams.start();
        StreamsStartup.awaitRunning(streams, Duration.ofSeconds(60));
        return streams;
    }

    public static <K, V> KafkaProducer<K, V> producer(EmbeddedKafka kafka, Topic<K, V> topic) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * Waits until the router has registered every given agent (its registry topic shows them), so no
     * task is routed before its agents are known: input topics give no order across partitions.
     */
    public static void awaitRegistered(EmbeddedKafka kafka, io.agentrouter.contract.Topics topics,
                                       String... agentIds) {
        java.util.Set<String> wanted = java.util.Set.of(agentIds);
        List<ConsumerRecord<String, io.agentrouter.model.AgentRecord>> seen = readUntil(kafka, topics.registry(),
                read -> read.stream().map(ConsumerRecord::key).collect(java.util.stream.Collectors.toSet())
                        .containsAll(wanted), Duration.ofSeconds(60));
        if (!seen.stream().map(ConsumerRecord::key).collect(java.util.stream.Collectors.toSet()).containsAll(wanted)) {
            throw new AssertionError("agents not registered within 60 s: " + wanted);
        }
    }

    /**
     * Reads a topic from the beginning with read_committed until {@code done} holds for what was read
     * or the timeout passes; returns everything read.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(EmbeddedKafka kafka, Topic<K, V> topic,
                                                       Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
