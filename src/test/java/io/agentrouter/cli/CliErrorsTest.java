package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.local.EmbeddedKafka;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed arguments and configuration: one clear line on stderr, exit code 2, never a stack trace.
 * Start-up failures (a broker, port or database that cannot be used): one line naming what was tried,
 * exit code 1, within seconds.
 */
class CliErrorsTest {

    @TempDir
    Path dir;

    private static void oneLineExitTwo(CliRun run, String... mentions) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception", "\tat ").contains(mentions);
    }

    @Test
    void badArgumentsAndValues() throws Exception {
        oneLineExitTwo(CliRun.of("route"), "route");
        oneLineExitTwo(CliRun.of("run", "--bogus"), "--bogus");
        oneLineExitTwo(CliRun.of("run", "--set", "routing.min_samples=abc"), "routing.min_samples",
                "a whole number >= 1");
        oneLineExitTwo(CliRun.of("run", "--set", "routing.heartbeat_ttl=30"), "routing.heartbeat_ttl", "ISO-8601");
        oneLineExitTwo(CliRun.of("run", "--set", "kafka.processing.guarantee=exactly_once"),
                "kafka.processing.guarantee", "exactly_once_v2, at_least_once");
        oneLineExitTwo(CliRun.of("run", "--set", "routing.unknown=1"), "routing.unknown");
        oneLineExitTwo(CliRun.of("run", "--config", dir.resolve("missing.properties").toString()),
                "config file '" + dir.resolve("missing.properties") + "' not found");
        Path file = dir.resolve("router.properties");
        Files.writeString(file, "routing.max_retries=-1\n");
        oneLineExitTwo(CliRun.of("run", "--config", file.toString()), "routing.max_retries", file.toString());
        oneLineExitTwo(CliRun.of("local", "--rate", "0"), "--rate");
        oneLineExitTwo(CliRun.of("local", "--pg-url", "postgres://x"), "--pg-url");
        oneLineExitTwo(CliRun.of("local", "--duration", "soon"), "--duration");
        oneLineExitTwo(CliRun.of("replay", "--outcome", "MAYBE"), "--outcome");
        oneLineExitTwo(CliRun.of("score"), "--scenario");
    }

    @Test
    void hiddenBaselineCommandsAnswerHelpWithTheirUsage() {
        for (String command : new String[] {"sql-baseline", "pipe-baseline"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exit()).as(help.err()).isZero();
            assertThat(help.err()).isEmpty();
            assertThat(help.out()).startsWith("Usage: agent-router " + command).doesNotContain("Missing required");
        }
        assertThat(CliRun.of("sql-baseline", "--help").out()).contains("--pg-url", "--mode");
        assertThat(CliRun.of("pipe-baseline", "--help").out()).contains("--decision-bytes", "--assignment-bytes");
    }

    /** Runs the command, then checks: exit 1, one line naming what was tried, no trace, within 20 s. */
    private static CliRun oneLineExitOne(Supplier<CliRun> command, String... mentions) {
        long started = System.nanoTime();
        CliRun run = command.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("%.1f s: %s", took.toMillis() / 1000.0, run.err());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception", "\tat ", "at io.", "at org.").contains(mentions);
        assertThat(took).as(run.err()).isLessThan(Duration.ofSeconds(20));
        return run;
    }

    @Test
    void noBrokerAtTheAddress() throws Exception {
        String closed = "127.0.0.1:" + EmbeddedKafka.freePort(); // nothing listens there
        oneLineExitOne(() -> CliRun.of("run", "--set", "kafka.bootstrap.servers=" + closed),
                "no Kafka broker answered at " + closed, "kafka.bootstrap.servers");
        oneLineExitOne(() -> CliRun.of("replay", "--bootstrap", closed), "no Kafka broker answered at " + closed,
                "--bootstrap");
    }

    @Test
    void unresolvableBrokerHost() {
        oneLineExitOne(() -> CliRun.of("replay", "--bootstrap", "no-such-host.invalid:9092"),
                "no-such-host.invalid:9092", "cannot resolve");
        oneLineExitOne(() -> CliRun.of("run", "--set", "kafka.bootstrap.servers=no-such-host.invalid:9092"),
                "no-such-host.invalid:9092", "kafka.bootstrap.servers");
    }

    @Test
    void localWithItsKafkaPortTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", EmbeddedKafka.freePort()));
            String port = Integer.toString(taken.getLocalPort());
            oneLineExitOne(() -> CliRun.of("local", "--kafka-port", port, "--plugin-path", "target/connect-plugins"),
                    "port " + port, "in use", "--kafka-port 0");
        }
    }

    @Test
    void localWithAnUnreachablePostgresql() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + EmbeddedKafka.freePort() + "/x";
        CliRun run = oneLineExitOne(() -> CliRun.of("local", "--kafka-port", "0", "--plugin-path",
                "target/connect-plugins", "--pg-url", url + "?password=hunter2", "--pg-password", "s3cret"),
                "cannot connect to PostgreSQL at " + url, "--pg-url");
        assertThat(run.err()).doesNotContain("hunter2", "s3cret");
    }
}
