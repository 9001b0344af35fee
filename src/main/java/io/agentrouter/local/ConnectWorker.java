package io.agentrouter.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;

/** A Kafka Connect worker (distributed mode, one member) inside this JVM. */
public final class ConnectWorker implements AutoCloseable {

    private final Connect<?> connect;
    private final String restUrl;
    private final Set<String> deployed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "connect-watchdog");
        t.setDaemon(true);
        return t;
    });

    private ConnectWorker(Connect<?> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
        // Connect does not restart failed tasks by itself; a sink task that failed while PostgreSQL was
        // away is restarted here, as an operator (or Strimzi's auto-restart) would do.
        watchdog.scheduleWithFixedDelay(this::restartFailedTasks, 5, 5, TimeUnit.SECONDS);
    }

    private void restartFailedTasks() {
        for (String name : deployed) {
            try {
                ConnectorStateInfo state = connect.herder().connectorStatus(name);
                boolean failed = "FAILED".equals(state.connector().state())
                        || state.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()));
                if (failed) {
                    connect.herder().restartConnectorAndTasks(new RestartRequest(name, true, true),
                            new FutureCallback<>());
                }
            } catch (RuntimeException notReady) {
                // the herder is starting or rebalancing: look again next time
            }
        }
    }

    /**
     * Starts a worker whose plugin folder holds Debezium's JDBC sink. Sink consumers read committed
     * records only: the router writes transactionally, and aborted records must not reach the table.
     */
    public static ConnectWorker start(String bootstrapServers, Path pluginPath, String groupId) {
        try {
            int port = EmbeddedKafka.freePort();
            Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("group.id", groupId);
            props.put("config.storage.topic", groupId + "-configs");
            props.put("offset.storage.topic", groupId + "-offsets");
            props.put("status.storage.topic", groupId + "-status");
            props.put("config.storage.replication.factor", "1");
            props.put("offset.storage.replication.factor", "1");
            props.put("status.storage.replication.factor", "1");
            props.put("offset.storage.partitions", "1");
            props.put("status.storage.partitions", "1");
            props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            props.put("plugin.path", pluginPath.toAbsolutePath().toString());
            props.put("plugin.discovery", "service_load");
            props.put("listeners", "http://127.0.0.1:" + port);
            props.put("offset.flush.interval.ms", "1000");
            props.put("consumer.isolation.level", "read_committed");
            Connect<?> connect = new ConnectDistributed().startConnect(props);
            return new ConnectWorker(connect, "http://127.0.0.1:" + port);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String restUrl() {
        return restUrl;
    }

    /** Watches a connector this worker did not deploy itself (e.g. one it resumed from the config topic). */
    public void watch(String name) {
        deployed.add(name);
    }

    /** Creates or updates a connector and waits until it and its tasks run. */
    public void deploy(String name, Map<String, String> config, Duration timeout) throws Exception {
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, true, created);
        created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        deployed.add(name);
        awaitRunning(name, timeout);
    }

    public void restart(String name, Duration timeout) throws Exception {
        FutureCallback<Void> restarted = new FutureCallback<>();
        connect.herder().restartConnector(name, restarted);
        restarted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitRunning(name, timeout);
    }

    public void delete(String name, Duration timeout) throws Exception {
        FutureCallback<Herder.Created<ConnectorInfo>> deleted = new FutureCallback<>();
        deployed.remove(name);
        connect.herder().deleteConnectorConfig(name, deleted);
        deleted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitRunning(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "unknown";
        while (System.nanoTime() < deadline) {
            try {
                ConnectorStateInfo state = connect.herder().connectorStatus(name);
                last = state.connector().state() + ", tasks " + state.tasks().stream()
                        .map(t -> t.state() + (t.trace() == null ? "" : " (" + t.trace().lines().findFirst().orElse("") + ")"))
                        .toList();
                boolean running = "RUNNING".equals(state.connector().state()) && !state.tasks().isEmpty()
                        && state.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
                if (running) {
                    return;
                }
                if (state.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()))) {
                    throw new IllegalStateException("connector " + name + " failed: " + last);
                }
            } catch (org.apache.kafka.connect.errors.NotFoundException notYet) {
                last = "not found yet";
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("connector " + name + " not running after " + timeout + ": " + last);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        connect.stop();
        connect.awaitStop();
    }
}
