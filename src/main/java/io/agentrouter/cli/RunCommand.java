package io.agentrouter.cli;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import io.agentrouter.topology.BrokerCheck;
import io.agentrouter.topology.RouterStreams;
import io.agentrouter.topology.SharedTasksTopicCheck;
import io.agentrouter.topology.StreamsProperties;
import io.agentrouter.topology.TopicProvisioner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The router against an existing Kafka cluster. Checks that the cluster answers, creates missing
 * topics when {@code topics.create} allows, stops cleanly on SIGTERM or Ctrl-C (exit 0) and exits 1
 * when Kafka Streams dies.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the router against an existing Kafka cluster (config file, ROUTER_* variables, --set).")
final class RunCommand implements Callable<Integer> {

    /** How long a stop waits for Kafka Streams to commit and leave its group. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = options.load();
        Properties properties = StreamsProperties.from(config);
        Map<String, Object> admin = new HashMap<>(config.kafkaPassthrough());
        admin.put("bootstrap.servers", config.get(Setting.BOOTSTRAP_SERVERS));
        try (Admin client = BrokerCheck.connect(admin, "kafka.bootstrap.servers", BrokerCheck.TIMEOUT)) {
            List<String> created = TopicProvisioner.ensure(client, config);
            if (!created.isEmpty()) {
                System.err.println("agent-router: created topics " + created);
            }
            SharedTasksTopicCheck.warning(client, Topics.from(config).tasks().name(),
                    config.get(Setting.APPLICATION_ID), Set.of(), SharedTasksTopicCheck.TIMEOUT)
                    .ifPresent(line -> System.err.println("agent-router: " + line));
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
        // SIGTERM and SIGINT end the wait below instead of the JVM's own shutdown, whose exit status is
        // 128 + the signal: the main thread then closes Kafka Streams and returns, and the process exits 0
        boolean signalsHandled = StopSignals.onStop(stopped::countDown);
        if (!signalsHandled) { // the JVM keeps its own handlers (e.g. -Xrs): close in a shutdown hook instead
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streams.close(CLOSE_TIMEOUT);
                stopped.countDown();
            }, "agent-router-shutdown"));
        }
        streams.start();
        stopped.await();
        streams.close(CLOSE_TIMEOUT);
        if (!died.get()) {
            System.err.println("agent-router: stopped");
        }
        return died.get() ? 1 : 0;
    }
}
