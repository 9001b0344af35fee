package io.agentrouter.reliability;

import io.agentrouter.local.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real multi-node KRaft cluster in this JVM: node 1 is controller and broker, the others are
 * brokers. Any broker but the controller can be restarted with its data kept.
 */
final class KafkaCluster implements AutoCloseable {

    private final List<Properties> configs = new ArrayList<>();
    private final List<KafkaRaftServer> servers = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final String bootstrap;

    /**
     * @param brokers number of nodes (first is also the controller)
     * @param extra settings for every node (e.g. SASL listeners); {@code {port}} in a value is replaced by
     *              the node's client port
     * @param formatArgs extra arguments for storage formatting (e.g. --add-scram)
     */
    KafkaCluster(int brokers, Map<String, String> extra, List<String> formatArgs) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        int controllerPort = EmbeddedKafka.freePort();
        List<String> bootstrapServers = new ArrayList<>();
        for (int node = 1; node <= brokers; node++) {
            int port = EmbeddedKafka.freePort();
            Path dir = Files.createTempDirectory("agent-router-cluster-" + node + "-");
            Properties p = new Properties();
            p.put("node.id", Integer.toString(node));
            p.put("process.roles", node == 1 ? "broker,controller" : "broker");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listeners", node == 1
                    ? "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                    : "PLAINTEXT://127.0.0.1:" + port);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.toString());
            p.put("default.replication.factor", Integer.toString(Math.min(3, brokers)));
            p.put("min.insync.replicas", Integer.toString(Math.min(2, brokers)));
            p.put("offsets.topic.replication.factor", Integer.toString(Math.min(3, brokers)));
            p.put("offsets.topic.num.partitions", "3");
            p.put("transaction.state.log.replication.factor", Integer.toString(Math.min(3, brokers)));
            p.put("transaction.state.log.min.isr", Integer.toString(Math.min(2, brokers)));
            p.put("transaction.state.log.num.partitions", "3");
            p.put("share.coordinator.state.topic.replication.factor", Integer.toString(Math.min(3, brokers)));
            p.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(2, brokers)));
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "2");
            p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            for (Map.Entry<String, String> e : extra.entrySet()) {
                p.put(e.getKey(), e.getValue().replace("{port}", Integer.toString(port))
                        .replace("{controllerPort}", Integer.toString(controllerPort)));
            }
            if (node != 1 && p.getProperty("listeners").contains("CONTROLLER://")) {
                String listeners = p.getProperty("listeners");
                p.put("listeners", listeners.replaceAll(",?CONTROLLER://[^,]*", ""));
            }
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                p.store(w, null);
            }
            List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
            args.addAll(formatArgs);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (StorageTool.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8)) != 0) {
                throw new IllegalStateException("format failed: " + out.toString(StandardCharsets.UTF_8));
            }
            configs.add(p);
            dirs.add(dir);
            bootstrapServers.add("127.0.0.1:" + port);
        }
        try {
            for (Properties p : configs) {
                servers.add(startNode(p));
            }
        } catch (RuntimeException failedToStart) {
            close(); // the nodes already running and every data folder
            throw failedToStart;
        }
        bootstrap = String.join(",", bootstrapServers);
    }

    private static KafkaRaftServer startNode(Properties p) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        server.startup();
        return server;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** Stops broker {@code node} (2 or higher) and starts it again on the same data. */
    void restartBroker(int node) {
        if (node < 2) {
            throw new IllegalArgumentException("node 1 is the controller");
        }
        KafkaRaftServer server = servers.get(node - 1);
        server.shutdown();
        server.awaitShutdown();
        servers.set(node - 1, startNode(configs.get(node - 1)));
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).shutdown();
            servers.get(i).awaitShutdown();
        }
        dirs.forEach(EmbeddedKafka::deleteQuietly);
    }
}
