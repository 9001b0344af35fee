package io.agentrouter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.Database;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.local.EmbeddedPostgresServer;
import io.agentrouter.topology.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The benchmark: a broker (in-process, or --bootstrap), a fleet, the system under test in a JVM of
 * its own, a warm-up, then the measured run. Same topics, partitions and exactly-once settings for
 * every system measured.
 */
public final class Bench {

    private final BenchOptions options;
    private final PrintStream out;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000);
    private final boolean terminal = System.console() != null;

    /** Compiler threads below this share of a core over a warm-up round count as settled. */
    static final double QUIET_COMPILER_SHARE = 0.15;

    /** This JVM: the in-process broker, the load and the measuring consumers. */
    private static final long SELF = ProcessHandle.current().pid();

    /** The database designs wait on PostgreSQL, not on their JIT: a shorter warm-up keeps --compare short. */
    private static final Duration SQL_WARMUP_MAX = Duration.ofSeconds(30);

    public Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Measures every system, {@code --rounds} times in turn, prints the table (with more than one round,
     * each round's and then the medians) and writes the JSON. Returns the summary: the only round's
     * results, or each figure's median over the rounds.
     */
    public List<SystemResult> run() throws Exception {
        EmbeddedKafka kafka = options.bootstrap() == null ? EmbeddedKafka.start(0, Map.of()) : null;
        String bootstrap = kafka != null ? kafka.bootstrapServers() : options.bootstrap();
        List<List<SystemResult>> rounds = new ArrayList<>();
        EmbeddedPostgresServer postgres = null;
        try {
            int[] sizes = new int[2];
            for (int round = 1; round <= options.rounds(); round++) {
                if (options.rounds() > 1) {
                    status("round " + round + " of " + options.rounds());
                }
                List<SystemResult> results = new ArrayList<>();
                for (String system : options.systems()) {
                    if (system.equals("router") || system.equals("pipe")) {
                        results.add(measure(system, round, bootstrap, sizes, options, null));
                        continue;
                    }
                    if (postgres == null) {
                        postgres = EmbeddedPostgresServer.start();
                    }
                    Database db = postgres.database();
                    SqlRouter.prepare(db.jdbcUrl(), db.user(), db.password(), options);
                    // the database designs run at capacity (full speed) on fewer tasks: at 100 decisions/s
                    // the router's task count would take minutes
                    int tasks = Math.min(options.measuredTasks(), system.equals("original") ? 1500 : 4000);
                    BenchOptions capped = new BenchOptions(options.bootstrap(), options.pools(),
                            options.agentsPerPool(), options.workTypes(), options.capableFraction(), tasks,
                            options.maxInFlight(), 0, options.duration(), Math.min(options.warmupTasks(), 200),
                            min(options.warmupMax(), SQL_WARMUP_MAX), options.partitions(), options.commitIntervalMs(),
                            options.routerHeap(), options.systems(), options.settings(), null, options.latencyLog(), 1);
                    results.add(measure(system, round, bootstrap, sizes, capped, db));
                }
                if (options.rounds() > 1) {
                    printTable("round " + round + " of " + options.rounds(), results, ratios(results), false);
                }
                rounds.add(results);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        }
        List<SystemResult> summary = rounds.size() == 1 ? rounds.get(0) : Medians.of(rounds);
        Map<String, Double> ratios = rounds.size() == 1 ? ratios(summary) : Medians.ofRatios(rounds.stream()
                .map(Bench::ratios).toList());
        printTable(rounds.size() == 1 ? null : "median of " + rounds.size() + " rounds", summary, ratios, true);
        if (options.json() != null) {
            writeJson(summary, ratios, rounds);
        }
        return summary;
    }

    /** Measures one system in a work folder of its own, deleted afterwards unless the run failed (its logs). */
    private SystemResult measure(String system, int round, String bootstrap, int[] sizes, BenchOptions options,
                                 Database db) throws Exception {
        Path work = Files.createTempDirectory("agent-router-bench-");
        SystemResult result = measureIn(work, system, round, bootstrap, sizes, options, db);
        EmbeddedKafka.deleteQuietly(work);
        return result;
    }

    private SystemResult measureIn(Path work, String system, int round, String bootstrap, int[] sizes,
                                   BenchOptions options, Database db) throws Exception {
        String name = "bench-" + system + "-" + runId + (round > 1 ? "-" + round : ""); // fresh topics each round
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("kafka.application.id", name);
        settings.put("topics.prefix", name + ".");
        settings.put("topics.partitions", Integer.toString(options.partitions()));
        settings.put("kafka.commit.interval.ms", Integer.toString(options.commitIntervalMs()));
        settings.put("kafka.state.dir", work.resolve("state").toString());
        settings.putAll(options.settings());
        RouterConfig config = RouterConfig.of(settings);
        Topics topics = Topics.from(config);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicProvisioner.ensure(admin, config);
        }
        List<String> args = new ArrayList<>();
        args.add(switch (system) {
            case "router" -> "run";
            case "pipe" -> "pipe-baseline";
            default -> "sql-baseline";
        });
        settings.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        if (system.equals("pipe")) {
            if (sizes[0] == 0) {
                throw new IllegalArgumentException(
                        "bench: the pipe writes records the size of the router's: measure router first");
            }
            args.addAll(List.of("--decision-bytes", Integer.toString(sizes[0]), "--assignment-bytes",
                    Integer.toString(sizes[1])));
        }
        if (db != null) {
            args.addAll(List.of("--mode", system.equals("original") ? "original" : "best", "--pg-url", db.jdbcUrl(),
                    "--pg-user", db.user(), "--pg-password", db.password()));
        }
        String ready = switch (system) {
            case "router" -> "agent-router: running";
            case "pipe" -> "pipe: running";
            default -> "sql-" + (system.equals("original") ? "original" : "best") + ": running";
        };
        status(system + ": starting (" + (system.equals("pipe") ? sizes[0] + " B + " + sizes[1] + " B per task"
                : options.pools() * options.agentsPerPool() + " agents, " + options.capablePerPool()
                + " capable per task, " + options.measuredTasks() + " tasks") + ")");
        try (FleetLoad fleet = system.equals("router") ? new FleetLoad(bootstrap, topics, options) : null;
             ChildJvm child = ChildJvm.start(options.routerHeap(), args, work.resolve(system + ".log"));
             // every system under the same in-flight bound: the router's outcomes are then routed during the
             // run, and no system is measured draining a backlog (the pipe's unbounded figure varied 2.5x)
             LoadDriver driver = new LoadDriver(bootstrap, topics, options, system.equals("pipe"),
                     options.measuredTasks() + 1000, options.maxInFlight())) {
            child.awaitLine(ready, Duration.ofSeconds(120));
            // a JMX connection to the measured JVM, closed with it even when the run fails
            boolean streams = system.equals("router") || system.equals("pipe");
            try (CommitMetrics metrics = streams ? commitMetrics(child) : null) {
                long[] warmup = warmUp(system, driver, child, options);
                CommitMetrics.Counters countersBefore = metrics == null ? null : metrics.read();
                double cpuBefore = child.cpuSeconds();
                Map<String, ThreadCpu.Sample<ThreadCpu.Kind>> threadsBefore = ThreadCpu.read(child.pid());
                Map<String, ThreadCpu.Sample<ThreadCpu.HarnessKind>> harnessBefore = ThreadCpu.read(SELF,
                        ThreadCpu.HarnessKind::of);
                double machineBefore = ThreadCpu.machineBusySeconds();
                long phaseStart = System.nanoTime();
                driver.phase("run");
                int measured = options.measuredTasks();
                if (options.rate() > 0) {
                    driver.sendAtRate(options.rate(), options.duration(), n -> progress(system, n, measured));
                } else {
                    driver.sendAll(measured, n -> progress(system + " sent", n, measured));
                }
                boolean complete = driver.awaitDecisions(measured, Duration.ofMinutes(5));
                double cpu = child.cpuSeconds() - cpuBefore;
                Map<ThreadCpu.Kind, Double> byThread = ThreadCpu.since(ThreadCpu.Kind.class, threadsBefore,
                        ThreadCpu.read(child.pid()));
                Map<ThreadCpu.HarnessKind, Double> harness = ThreadCpu.since(ThreadCpu.HarnessKind.class, harnessBefore,
                        ThreadCpu.read(SELF, ThreadCpu.HarnessKind::of));
                double machine = ThreadCpu.machineBusySeconds() - machineBefore;
                double phaseSeconds = (System.nanoTime() - phaseStart) / 1e9;
                // after the CPU samples: a JMX read costs both JVMs CPU of its own
                CommitMetrics.Counters commits = metrics == null ? null : metrics.read().minus(countersBefore);
                if (system.equals("router")) {
                    sizes[0] = driver.averageDecisionBytes();
                    sizes[1] = driver.averageAssignmentBytes();
                }
                double[] latency = driver.latencyPercentilesMs();
                if (options.latencyLog() != null) {
                    appendLatencyLog(system, round, driver);
                }
                SystemResult result = new SystemResult(system, driver.decisions(), driver.sustainedDecisionsPerSecond(),
                        latency[0], latency[1], latency[2], latency[3], child.peakRssMb(), heapUsedMb(child.pid()), cpu,
                        byThread, harness, machine, phaseSeconds, warmup[0], warmup[1] / 1000.0,
                        driver.sustainedSeconds(), commits);
                if (!complete) {
                    out.println(system + ": only " + driver.decisions() + " of " + measured
                            + " decisions arrived in time");
                }
                if (!result.rateMeasured()) {
                    out.println(system + ": the decisions counted arrived within "
                            + Math.round(driver.sustainedSeconds() * 1000) + " ms; too short a run for a rate, so none"
                            + " is given (use more --tasks)");
                }
                if (driver.assignedTasks() < measured / 2) { // a fleet gone offline makes a fast run of rejections
                    out.println(system + ": only " + driver.assignedTasks() + " of " + measured
                            + " tasks were assigned; the figures are not comparable");
                }
                if (terminal) {
                    System.err.print("\r" + " ".repeat(70) + "\r");
                }
                return result;
            }
        }
    }

    /**
     * Rounds of {@code --warmup} tasks (at the measured rate in a fixed-rate run) until the JIT
     * compilers of the measured JVM and of this one (the in-process broker) used less than
     * {@link #QUIET_COMPILER_SHARE} of a core in the last round, or until {@code --warmup-max}.
     * Returns the tasks sent and the milliseconds taken.
     */
    private long[] warmUp(String system, LoadDriver driver, ChildJvm child, BenchOptions options)
            throws InterruptedException {
        driver.phase("warm");
        long start = System.nanoTime();
        long deadline = start + options.warmupMax().toNanos();
        long sent = 0;
        int rounds = 0;
        double share;
        do {
            rounds++;
            Map<String, ThreadCpu.Sample<ThreadCpu.Kind>> childBefore = ThreadCpu.read(child.pid());
            Map<String, ThreadCpu.Sample<ThreadCpu.Kind>> selfBefore = ThreadCpu.read(SELF);
            long roundStart = System.nanoTime();
            long before = sent;
            if (options.rate() > 0) { // warm the regime that is measured: commits and polls weigh more at a fixed rate
                driver.sendAtRate(options.rate(), Duration.ofMillis(Math.round(options.warmupTasks() * 1000.0
                        / options.rate())), n -> progress(system + " warm-up", before + n, 0));
            } else {
                driver.sendAll(options.warmupTasks(), n -> progress(system + " warm-up", before + n, 0));
            }
            sent += options.warmupTasks();
            driver.awaitDecisions(sent, Duration.ofMinutes(3));
            double seconds = (System.nanoTime() - roundStart) / 1e9;
            share = (compilerSeconds(childBefore, ThreadCpu.read(child.pid()))
                    + compilerSeconds(selfBefore, ThreadCpu.read(SELF))) / seconds;
        } while (share > QUIET_COMPILER_SHARE && System.nanoTime() < deadline && options.warmupTasks() > 0);
        driver.awaitQuiet(Duration.ofSeconds(1), Duration.ofMinutes(2));
        long millis = (System.nanoTime() - start) / 1_000_000;
        status(warmupLine(system, rounds, options.warmupTasks(), millis, share, options.warmupMax()));
        return new long[] {sent, millis};
    }

    /** What the warm-up did: {@code --warmup} is the size of one round, and rounds repeat until the JIT is quiet. */
    static String warmupLine(String system, int rounds, int tasksPerRound, long millis, double compilerShare,
                             Duration warmupMax) {
        if (tasksPerRound == 0) {
            return system + ": no warm-up (--warmup 0)";
        }
        String why = compilerShare <= QUIET_COMPILER_SHARE
                ? String.format("until the JIT compilers were quiet (at %.0f %% of a core in the last round)",
                        compilerShare * 100)
                : String.format("until --warmup-max %s, the JIT compilers still at %.0f %% of a core in the last round",
                        warmupMax, compilerShare * 100);
        return String.format("%s: warmed up with %,d tasks in %.1f s: %,d round%s of %,d tasks, repeated %s", system,
                (long) rounds * tasksPerRound, millis / 1000.0, rounds, rounds == 1 ? "" : "s", tasksPerRound, why);
    }

    /** The measured JVM's commit metrics, or null (and a note) when this JVM cannot attach to it. */
    private CommitMetrics commitMetrics(ChildJvm child) {
        try {
            return CommitMetrics.attach(child.pid());
        } catch (Exception | LinkageError e) {
            status("commit metrics not read (attaching to the measured JVM failed: " + e + ")");
            return null;
        }
    }

    private static double compilerSeconds(Map<String, ThreadCpu.Sample<ThreadCpu.Kind>> before,
                                          Map<String, ThreadCpu.Sample<ThreadCpu.Kind>> after) {
        return ThreadCpu.since(ThreadCpu.Kind.class, before, after).get(ThreadCpu.Kind.JIT);
    }

    /** Appends the system's samples to the latency log, which the run's first measurement starts afresh. */
    private void appendLatencyLog(String system, int round, LoadDriver driver) throws IOException {
        boolean first = round == 1 && system.equals(options.systems().get(0));
        try (Writer log = Files.newBufferedWriter(options.latencyLog(), StandardOpenOption.CREATE,
                first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            if (first) {
                log.write("system,sent_ms,latency_ms,task_acked_ms,assignment_appended_ms,round\n");
            }
            driver.writeLatencyLog(system, round, log);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void progress(String what, long done, long total) {
        if (terminal) {
            int width = 30;
            if (total <= 0) { // open-ended: a count only
                System.err.printf("\r%-18s %,d", what, done);
                return;
            }
            int filled = (int) Math.min(width, width * done / Math.max(1, total));
            System.err.printf("\r%-18s [%s%s] %d/%d", what, "#".repeat(filled), ".".repeat(width - filled), done,
                    total);
        }
    }

    private void status(String line) {
        out.println(line);
        out.flush();
    }

    /** Heap in use in the child, from jcmd GC.heap_info (sum of the generations' "used"). */
    static double heapUsedMb(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher used = Pattern.compile("(?m)^ \\S+\\s+total \\d+K, used (\\d+)K").matcher(text);
            long kb = 0;
            while (used.find()) {
                kb += Long.parseLong(used.group(1));
            }
            return kb / 1024.0;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The table, under a heading when there is one (a round, or the medians of the rounds). */
    private void printTable(String heading, List<SystemResult> results, Map<String, Double> ratios,
                            boolean summary) {
        if (heading != null) {
            out.printf("%n%s:", heading);
        }
        out.printf("%n%-8s %12s %8s %8s %8s %8s %8s %8s %7s%n", "system", "decisions/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "RSS MB", "heap MB", "CPU s");
        for (SystemResult r : results) {
            out.printf("%-8s %12s %8.1f %8.1f %8.1f %8.1f %8.0f %8.0f %7.1f%n", r.system(), rateCell(r),
                    r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.rssMb(), r.heapMb(), r.cpuSeconds());
        }
        for (SystemResult r : results) {
            StringBuilder line = new StringBuilder(r.system()).append(" CPU s by thread:");
            r.cpuSecondsByThread().forEach((kind, s) -> line.append(String.format(" %s %.1f", kind.label, s)));
            out.println(line);
        }
        for (SystemResult r : results) {
            out.println(machineLine(r));
        }
        for (SystemResult r : results) {
            if (r.commits() != null) {
                out.println(commitLine(r));
            }
        }
        ratios.forEach((k, v) -> out.println(ratioLine(k, v, results)));
        if (summary) { // once, under the last table
            out.printf("parameters: %s%n", options);
        }
    }

    /** The decisions/s cell: the rate, or "too short" when the run gave none. */
    static String rateCell(SystemResult r) {
        return r.rateMeasured() ? String.format("%.0f", r.decisionsPerSecond()) : "too short";
    }

    /** A ratio line; a ratio of a system whose run was too short for a rate is not given. */
    static String ratioLine(String key, double value, List<SystemResult> results) {
        String other = key.substring("router_vs_".length());
        boolean measured = results.stream().filter(r -> r.system().equals("router") || r.system().equals(other))
                .allMatch(SystemResult::rateMeasured);
        return measured ? String.format("%s: %.2f", key, value) : key + ": none (a run too short for a rate)";
    }

    /** Where the machine's CPU went per decision: the measured JVM, the benchmark's (broker, load), the rest. */
    private static String machineLine(SystemResult r) {
        double perDecision = 1e6 / Math.max(1, r.decisions());
        StringBuilder line = new StringBuilder(String.format("%s CPU us per decision: measured JVM %.0f, benchmark JVM",
                r.system(), r.cpuSeconds() * perDecision));
        r.benchCpuSecondsByThread().forEach((kind, s) -> line.append(String.format(" %s %.0f", kind.label,
                s * perDecision)));
        // each process's ticks and the machine's round apart: over a short phase the difference can dip below 0
        double others = Math.max(0, r.machineBusySeconds() - r.cpuSeconds()
                - r.benchCpuSecondsByThread().values().stream().mapToDouble(Double::doubleValue).sum());
        return line.append(String.format(", other processes %.0f; machine %.0f (%.2f of %d cores busy over %.1f s)",
                others * perDecision, r.machineBusySeconds() * perDecision,
                r.machineBusySeconds() / r.phaseSeconds(), Runtime.getRuntime().availableProcessors(),
                r.phaseSeconds())).toString();
    }

    /** How often the system committed and how long each commit held up its stream thread. */
    private static String commitLine(SystemResult r) {
        CommitMetrics.Counters c = r.commits();
        return String.format("%s commits: %,.0f (%.1f/s), each holding the stream thread %.2f ms (flush %.2f, offsets"
                        + " %.2f, end of transaction %.2f), %.0f %% of the phase; %.0f polls/s",
                r.system(), c.commits(), c.commits() / r.phaseSeconds(), c.perCommitMs(c.blockedNs()),
                c.perCommitMs(c.flushNs()), c.perCommitMs(c.sendOffsetsNs()), c.perCommitMs(c.endTxnNs()),
                100 * c.blockedShare(r.phaseSeconds()), c.polls() / r.phaseSeconds());
    }

    private static Map<String, Double> ratios(List<SystemResult> results) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        SystemResult router = results.get(0);
        if (!router.system().equals("router")) {
            return ratios;
        }
        for (SystemResult other : results.subList(1, results.size())) {
            ratios.put("router_vs_" + other.system(), router.decisionsPerSecond() / other.decisionsPerSecond());
        }
        return ratios;
    }

    /**
     * One object per system and the ratios (with more than one round, each figure's median, and the median of
     * each round's ratio), the parameters, and with more than one round each round's objects and ratios.
     */
    private void writeJson(List<SystemResult> summary, Map<String, Double> ratios, List<List<SystemResult>> rounds)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        putSystems(root, summary);
        ObjectNode ratiosNode = root.putObject("ratios");
        ratios.forEach(ratiosNode::put);
        ObjectNode params = root.putObject("parameters");
        params.put("bootstrap", options.bootstrap() == null ? "in-process" : options.bootstrap());
        params.put("pools", options.pools());
        params.put("agents_per_pool", options.agentsPerPool());
        params.put("work_types", options.workTypes());
        params.put("capable_fraction", options.capableFraction());
        params.put("capable_per_task", options.capablePerPool());
        params.put("tasks", options.measuredTasks());
        params.put("max_in_flight", options.maxInFlight());
        params.put("rate", options.rate());
        params.put("warmup_round_tasks", options.warmupTasks());
        params.put("warmup_max_seconds", options.warmupMax().toSeconds());
        params.put("settings", mapper.valueToTree(options.settings()));
        params.put("partitions", options.partitions());
        params.put("commit_interval_ms", options.commitIntervalMs());
        params.put("processing_guarantee", "exactly_once_v2");
        params.put("rounds", options.rounds());
        if (rounds.size() > 1) {
            ArrayNode each = root.putArray("rounds");
            for (List<SystemResult> round : rounds) {
                ObjectNode node = each.addObject();
                putSystems(node, round);
                ObjectNode roundRatios = node.putObject("ratios");
                ratios(round).forEach(roundRatios::put);
            }
        }
        Files.writeString(options.json(), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static void putSystems(ObjectNode parent, List<SystemResult> results) {
        for (SystemResult r : results) {
            ObjectNode system = parent.putObject(r.system());
            system.put("decisions", r.decisions());
            system.put("decisions_per_second", r.decisionsPerSecond());
            system.put("rate_seconds", r.rateSeconds());
            system.put("rate_measured", r.rateMeasured()); // false: decisions_per_second is no rate (run too short)
            ObjectNode latency = system.putObject("latency_ms");
            latency.put("p50", r.p50Ms());
            latency.put("p95", r.p95Ms());
            latency.put("p99", r.p99Ms());
            latency.put("max", r.maxMs());
            system.put("rss_mb", r.rssMb());
            system.put("heap_mb", r.heapMb());
            system.put("cpu_seconds", r.cpuSeconds());
            ObjectNode byThread = system.putObject("cpu_seconds_by_thread");
            r.cpuSecondsByThread().forEach((kind, s) -> byThread.put(kind.label, s));
            ObjectNode bench = system.putObject("bench_jvm_cpu_seconds_by_thread");
            r.benchCpuSecondsByThread().forEach((kind, s) -> bench.put(kind.label, s));
            system.put("machine_busy_cpu_seconds", r.machineBusySeconds());
            system.put("phase_seconds", r.phaseSeconds());
            system.put("warmup_tasks", r.warmupTasks());
            system.put("warmup_seconds", r.warmupSeconds());
            if (r.commits() != null) {
                CommitMetrics.Counters c = r.commits();
                ObjectNode commits = system.putObject("commits");
                commits.put("count", c.commits());
                commits.put("per_second", c.commits() / r.phaseSeconds());
                commits.put("blocked_ms_per_commit", c.perCommitMs(c.blockedNs()));
                commits.put("flush_ms_per_commit", c.perCommitMs(c.flushNs()));
                commits.put("send_offsets_ms_per_commit", c.perCommitMs(c.sendOffsetsNs()));
                commits.put("end_transaction_ms_per_commit", c.perCommitMs(c.endTxnNs()));
                commits.put("blocked_share_of_phase", c.blockedShare(r.phaseSeconds()));
                system.put("polls", c.polls());
            }
        }
    }
}
