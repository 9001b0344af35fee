package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.local.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in a JVM of its own on a real broker: SIGTERM stops it cleanly with exit code 0. */
class RunStopsOnSigtermTest {

    @TempDir
    Path dir;

    @Test
    void sigtermClosesKafkaStreamsAndExitsZero() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.io.tmpdir=" + dir.toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"), AgentRouterCli.class.getName(), "run"));
            for (String setting : List.of("kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "kafka.application.id=sigterm-test", "topics.partitions=1",
                    "kafka.state.dir=" + dir.resolve("state"))) {
                command.add("--set");
                command.add(setting);
            }
            Path log = dir.resolve("run.log");
            Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!(Files.exists(log) && Files.readString(log).contains("agent-router: running"))) {
                    assertThat(run.isAlive()).as("run exited early: %s", Files.readString(log)).isTrue();
                    assertThat(System.nanoTime()).as("not running within 90 s").isLessThan(deadline);
                    Thread.sleep(100);
                }
                long stopping = System.nanoTime();
                run.destroy(); // SIGTERM on Linux
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
                System.out.printf("run stopped %d ms after SIGTERM, exit %d%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping), run.exitValue());
                assertThat(run.exitValue()).as(Files.readString(log)).isZero();
                assertThat(Files.readString(log)).contains("agent-router: stopped");
            } finally {
                run.destroyForcibly();
            }
        }
    }
}
