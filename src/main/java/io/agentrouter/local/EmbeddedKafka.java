package io.agentrouter.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM, for
 * {@code local} mode and tests. Single-node settings: replication factor 1 for the offsets and
 * transaction logs (without them exactly-once Streams never leaves REBALANCING).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The first port the kernel may hand to a client connection; {@link #freePort} stays below it. */
    static final int EPHEMERAL_START = ephemeralStart();

    /** Ports already handed out by this JVM: two picks before either is bound must not be the same. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on the given port (0: any free port) with its data in a new temporary folder. */
    public static EmbeddedKafka start(int port, Map<String, String> overrides) {
        try {
            Path logDir = Files.createTempDirectory("agent-router-kafka-");
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            props.put("num.partitions", "1");
            props.putAll(overrides);

            Path config = logDir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                props.store(writer, "agent-router embedded broker");
            }
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--standalone"},
                    new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("formatting the broker's log dir failed: "
                        + formatOutput.toString(StandardCharsets.UTF_8));
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, logDir, "127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteQuietly(logDir);
    }

    /**
     * A port free on 127.0.0.1, below the kernel's ephemeral range: a port the kernel handed out (bind to
     * 0) can be taken by any outgoing connection before the server binds it — a cluster's second broker
     * once failed to start because its port had become a client port of the first.
     */
    public static int freePort() throws IOException {
        int below = Math.min(EPHEMERAL_START, 32_768);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, below);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                HANDED_OUT.add(port);
                return port;
            } catch (BindException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port between 10000 and " + below);
    }

    /** Whether a server can listen on 127.0.0.1:{@code port}, where the broker listens, right now. */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), else the IANA one's. */
    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(11_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException unknown) {
            return 49_152;
        }
    }

    public static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is not worth failing a shutdown over
        }
    }
}
