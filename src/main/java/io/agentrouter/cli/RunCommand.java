package io.agentrouter.cli;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.topology.TopicProvisioner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import io.agentrouter.topology.RouterStreams;
import io.agentrouter.topology.StreamsProperties;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The router against an existing Kafka cluster. Creates missing topics when {@code topics.create}
 * allows, stops cleanly on SIGTERM (exit 0) and exits 1 when Kafka Streams dies.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the router against an existing Kafka cluster (config file, ROUTER_* variables, --set).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = options.load();
        Properties properties = StreamsProperties.from(config);
        Map<String, Object> admin = new HashMap<>(config.kafkaPassthrough());
        admin.put("bootstrap.servers", config.get(Setting.BOOTSTRAP_SERVERS));
        try (Admin client = Admin.create(admin)) {
            List<String> created = TopicProvisioner.ensure(client, config);
            if (!created.isEmpty()) {
                System.err.println("agent-router: created topics " + created);
            }
        }
        KafkaStreams streams = RouterStreams.create(config, properties);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean died = new AtomicBoolean();
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println("agent-router: stream thread failed: " + e);
            died.set(true);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
                System.err.println("agent-router: running (application id "
                        + config.get(Setting.APPLICATION_ID) + ")");
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "agent-router-shutdown"));
        streams.start();
        stopped.await();
        streams.close();
        return died.get() ? 1 : 0;
    }
}
