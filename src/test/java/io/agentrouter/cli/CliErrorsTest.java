package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed arguments and configuration: one clear line on stderr, exit code 2, never a stack trace. */
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
                "missing.properties");
        Path file = dir.resolve("router.properties");
        Files.writeString(file, "routing.max_retries=-1\n");
        oneLineExitTwo(CliRun.of("run", "--config", file.toString()), "routing.max_retries", file.toString());
        oneLineExitTwo(CliRun.of("local", "--rate", "0"), "--rate");
        oneLineExitTwo(CliRun.of("local", "--pg-url", "postgres://x"), "--pg-url");
        oneLineExitTwo(CliRun.of("local", "--duration", "soon"), "--duration");
        oneLineExitTwo(CliRun.of("replay", "--outcome", "MAYBE"), "--outcome");
        oneLineExitTwo(CliRun.of("score"), "--scenario");
    }
}
