package io.agentrouter.cli;

import io.agentrouter.config.StartupException;
import io.agentrouter.local.Database;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.local.LocalMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything on this machine, with a simulated fleet: the README's main command. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run broker, PostgreSQL, Connect sink, router and a simulated fleet in this process.")
final class LocalCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--pg-url", description = "Use this PostgreSQL (jdbc:postgresql://host:port/db) instead of the embedded one.")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}.")
    String pgUser;

    @Option(names = "--pg-password", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}.")
    String pgPassword;

    @Option(names = "--rate", defaultValue = "20", description = "Tasks per second from the simulated producers. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", description = "Stop by itself after this long (ISO-8601, e.g. PT60S); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--plugin-path", description = "Connect plugin folder holding Debezium's JDBC sink. Default: connect-plugins beside the jar.")
    Path pluginPath;

    @Override
    public Integer call() throws Exception {
        if (pgUrl != null && !pgUrl.startsWith("jdbc:postgresql://")) {
            System.err.println("agent-router local: --pg-url must look like jdbc:postgresql://host:port/database");
            return AgentRouterCli.EXIT_USAGE;
        }
        if (rate <= 0) {
            System.err.println("agent-router local: --rate must be a positive number of tasks per second");
            return AgentRouterCli.EXIT_USAGE;
        }
        Path plugins = pluginPath != null ? pluginPath : defaultPluginPath();
        if (!Files.isDirectory(plugins.resolve("debezium-connector-jdbc"))) {
            System.err.println("agent-router local: no Debezium JDBC sink in " + plugins
                    + " (build with 'mvn -B -q package -DskipTests' first, or pass --plugin-path)");
            return AgentRouterCli.EXIT_USAGE;
        }
        options.load(); // validates file, environment and flags before anything starts
        // what is given from outside is checked first, so a wrong one fails before the broker starts
        if (kafkaPort != 0 && !EmbeddedKafka.portFree(kafkaPort)) {
            throw new StartupException("port " + kafkaPort + " on 127.0.0.1 is already in use (another Kafka?);"
                    + " stop what listens there, or pass --kafka-port 0 to use any free port");
        }
        Database external = pgUrl == null ? null : new Database(pgUrl, pgUser, pgPassword);
        if (external != null) {
            external.check();
        }
        CountDownLatch stop = new CountDownLatch(1);
        LocalMode local = LocalMode.start(new LocalMode.Options(kafkaPort, external, rate, plugins,
                Duration.ofSeconds(2)), options.flags, System.out);
        Thread hook = new Thread(() -> {
            System.out.println("\nstopping ...");
            local.close();
            stop.countDown();
        }, "local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (duration != null) {
            stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
            System.out.printf("%nstopping after %s: %d decisions seen, %d rows in PostgreSQL%n", duration,
                    local.decisionsSeen(), local.rowsInPostgres());
            local.close();
        } else {
            stop.await();
        }
        return 0;
    }

    private static Path defaultPluginPath() throws URISyntaxException {
        Path code = Path.of(LocalCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return code.getParent().resolve("connect-plugins");
    }
}
