package io.agentrouter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the real benchmark with a small fleet and all four systems, so the harness cannot
 * rot. Not a timed test: it asserts that every figure was measured, not how large it is.
 */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void benchmarksRouterAndPipeAndWritesTheJson() throws Exception {
        Path json = dir.resolve("bench.json");
        Path latencyLog = dir.resolve("latency.csv");
        Run run = bench(new BenchOptions(null, 2, 10, 3, 0.5, 600, 200, 0, Duration.ofSeconds(5),
                200, Duration.ofSeconds(5), 3, 100, "256m", BenchOptions.ALL_SYSTEMS, Map.of(), json, latencyLog, 1));
        List<SystemResult> results = run.results();

        assertThat(results).extracting(SystemResult::system).containsExactly("router", "pipe", "original", "sql_best");
        // the router also writes a final decision for each non-retryable failure the fleet reports
        assertThat(results.get(0).decisions()).isGreaterThanOrEqualTo(600);
        assertThat(results.subList(1, 4)).allSatisfy(r -> assertThat(r.decisions()).isEqualTo(600));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.decisionsPerSecond()).isPositive();
            assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p99Ms());
            assertThat(r.rssMb()).isPositive();
            assertThat(r.cpuSeconds()).isPositive();
            // the same CPU by kind of thread (threads that ended during the run are only in the total)
            assertThat(r.cpuSecondsByThread()).containsOnlyKeys(ThreadCpu.Kind.values());
            double sum = r.cpuSecondsByThread().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isNotNegative().isLessThanOrEqualTo(r.cpuSeconds() + 0.05);
            // the broker serves every system; the machine's busy time holds the measured JVM's
            assertThat(r.benchCpuSecondsByThread()).containsOnlyKeys(ThreadCpu.HarnessKind.values());
            assertThat(r.benchCpuSecondsByThread().get(ThreadCpu.HarnessKind.BROKER_AND_OTHER)).isPositive();
            assertThat(r.machineBusySeconds()).isGreaterThanOrEqualTo(r.cpuSeconds() - 0.1);
            assertThat(r.phaseSeconds()).isPositive();
        });
        assertThat(results.get(0).cpuSecondsByThread().get(ThreadCpu.Kind.STREAM_AND_OTHER)).isPositive();
        // the Kafka Streams systems' commits, read from their own client metrics: each one flushes and ends a
        // transaction, which takes time; the database designs have none
        assertThat(results.subList(0, 2)).allSatisfy(r -> {
            assertThat(r.commits()).isNotNull();
            assertThat(r.commits().commits()).isPositive();
            assertThat(r.commits().polls()).isPositive();
            assertThat(r.commits().endTxnNs()).isPositive();
            assertThat(r.commits().perCommitMs(r.commits().blockedNs()) / 1e3).isLessThan(r.phaseSeconds());
        });
        assertThat(results.subList(2, 4)).allSatisfy(r -> assertThat(r.commits()).isNull());
        JsonNode written = new ObjectMapper().readTree(Files.readString(json));
        assertThat(written.get("router").get("latency_ms").get("p99").asDouble()).isPositive();
        assertThat(written.get("router").get("cpu_seconds_by_thread").get("stream_and_other").asDouble()).isPositive();
        assertThat(written.get("router").get("bench_jvm_cpu_seconds_by_thread").get("broker_and_other").asDouble())
                .isPositive();
        assertThat(written.get("router").get("machine_busy_cpu_seconds").asDouble()).isPositive();
        assertThat(written.get("ratios").get("router_vs_pipe").asDouble()).isPositive();
        assertThat(written.get("ratios").get("router_vs_original").asDouble()).isPositive();
        assertThat(written.get("ratios").get("router_vs_sql_best").asDouble()).isPositive();
        assertThat(written.get("sql_best").get("decisions_per_second").asDouble()).isPositive();
        assertThat(written.get("parameters").get("capable_per_task").asInt()).isEqualTo(5);
        assertThat(written.get("pipe").get("commits").get("blocked_ms_per_commit").asDouble()).isPositive();
        assertThat(run.printed()).contains("decisions/s", "router_vs_pipe",
                "router CPU us per decision: measured JVM", "router commits: ", "pipe commits: ");

        // one line per latency sample: the log's p99 per system is the table's
        List<String> lines = Files.readAllLines(latencyLog);
        assertThat(lines.get(0)).isEqualTo("system,sent_ms,latency_ms,task_acked_ms,assignment_appended_ms,round");
        assertThat(lines.stream().skip(1)).allSatisfy(line -> assertThat(line).endsWith(",1"));
        for (SystemResult r : results) {
            double[] samples = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals(r.system()))
                    .mapToDouble(f -> Double.parseDouble(f[2])).sorted().toArray();
            assertThat(samples).isNotEmpty();
            assertThat(samples[samples.length - 1]).isCloseTo(r.maxMs(), within(0.01));
        }
        // when the broker acknowledged each task, and when its assignment was readable uncommitted
        for (int column : new int[] {3, 4}) {
            double[] sinceSent = lines.stream().skip(1).map(l -> l.split(","))
                    .filter(f -> f.length > column && !f[column].isEmpty())
                    .mapToDouble(f -> Double.parseDouble(f[column])).toArray();
            assertThat(sinceSent).as("column %d", column).isNotEmpty();
            assertThat(java.util.Arrays.stream(sinceSent).min().orElseThrow()).isNotNegative();
        }
    }

    @Test
    void measuresEverySystemOnceARoundAndSummarisesTheRoundsByTheirMedians() throws Exception {
        Path json = dir.resolve("rounds.json");
        Path latencyLog = dir.resolve("rounds.csv");
        Run run = bench(new BenchOptions(null, 2, 10, 3, 0.5, 300, 200, 0, Duration.ofSeconds(5),
                100, Duration.ofSeconds(3), 2, 100, "256m", List.of("router", "pipe"), Map.of(), json, latencyLog, 2));
        List<SystemResult> summary = run.results();
        String printed = run.printed();

        assertThat(printed).contains("round 1 of 2:", "round 2 of 2:", "median of 2 rounds:");
        JsonNode written = new ObjectMapper().readTree(Files.readString(json));
        assertThat(written.get("parameters").get("rounds").asInt()).isEqualTo(2);
        JsonNode rounds = written.get("rounds");
        assertThat(rounds).hasSize(2);
        // the summary's figures are the medians of the rounds' (of two: their mean)
        for (String system : List.of("router", "pipe")) {
            double first = rounds.get(0).get(system).get("decisions_per_second").asDouble();
            double second = rounds.get(1).get(system).get("decisions_per_second").asDouble();
            assertThat(written.get(system).get("decisions_per_second").asDouble())
                    .isCloseTo((first + second) / 2, within(1e-6));
            assertThat(rounds.get(0).get(system).get("commits").get("count").asDouble()).isPositive();
        }
        double ratio1 = rounds.get(0).get("ratios").get("router_vs_pipe").asDouble();
        double ratio2 = rounds.get(1).get("ratios").get("router_vs_pipe").asDouble();
        assertThat(written.get("ratios").get("router_vs_pipe").asDouble()).isCloseTo((ratio1 + ratio2) / 2, within(1e-9));
        assertThat(summary).extracting(SystemResult::system).containsExactly("router", "pipe");
        // each round routed its own tasks on fresh topics
        assertThat(summary.get(0).decisions()).isGreaterThanOrEqualTo(300);
        List<String> lines = Files.readAllLines(latencyLog);
        assertThat(lines.stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).distinct()).containsExactly("1", "2");
    }

    /** What a benchmark run returned and printed (echoed, so a failing run's output is in the test log). */
    private record Run(List<SystemResult> results, String printed) {
    }

    private static Run bench(BenchOptions options) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<SystemResult> results = new Bench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        String printed = console.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return new Run(results, printed);
    }
}
