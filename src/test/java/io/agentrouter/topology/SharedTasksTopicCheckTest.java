package io.agentrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** On a real broker: another group with offsets on the tasks topic is named in one warning line. */
class SharedTasksTopicCheckTest {

    private static void commit(EmbeddedKafka kafka, String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "group.id", group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)));
        }
    }

    @Test
    void warnsOfAnotherApplicationsGroupOnTheTasksTopicOnly() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of());
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            RouterConfig config = RouterConfig.of(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "topics.partitions", "1"));
            TopicProvisioner.ensure(admin, config);
            String tasks = Topics.from(config).tasks().name();
            // the router's own group, a sink's group, and a group on another topic are no cause for a warning
            commit(kafka, "agent-router", tasks);
            commit(kafka, "connect-routing-decisions-sink", tasks);
            commit(kafka, "agent-x", Topics.from(config).assignments().name());
            long started = System.nanoTime();
            assertThat(SharedTasksTopicCheck.warning(admin, tasks, "agent-router",
                    Set.of("connect-routing-decisions-sink"), SharedTasksTopicCheck.TIMEOUT)).isEmpty();

            commit(kafka, "other-app", tasks);
            Optional<String> warning = SharedTasksTopicCheck.warning(admin, tasks, "agent-router",
                    Set.of("connect-routing-decisions-sink"), SharedTasksTopicCheck.TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println(took.toMillis() + " ms: " + warning.orElse(""));
            assertThat(warning).hasValueSatisfying(line -> {
                assertThat(line.lines()).hasSize(1);
                assertThat(line).contains("'other-app'", "'" + tasks + "'", "both assign every task")
                        .doesNotContain("agent-x", "connect-routing-decisions-sink");
            });
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aClusterThatDoesNotAnswerGivesNoWarningWithinTheTimeout() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + EmbeddedKafka.freePort()))) {
            long started = System.nanoTime();
            assertThat(SharedTasksTopicCheck.warning(admin, "tasks", "agent-router", Set.of(), Duration.ofSeconds(2)))
                    .isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
