package io.agentrouter.cli;

import io.agentrouter.bench.Bench;
import io.agentrouter.bench.BenchOptions;
import io.agentrouter.config.RouterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** How much the router routes, how fast, on how little; with --compare, against a pipe baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the router (in its own JVM) on an in-process broker or --bootstrap.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", description = "Use this cluster instead of an in-process broker.")
    String bootstrap;

    @Option(names = "--pools", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
    int pools;

    @Option(names = "--agents-per-pool", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int agentsPerPool;

    @Option(names = "--work-types", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
    int workTypes;

    @Option(names = "--capable-fraction", defaultValue = "0.5",
            description = "Share of a pool's agents that can do the work types. Default: ${DEFAULT-VALUE}.")
    double capableFraction;

    @Option(names = "--tasks", defaultValue = "20000", description = "Tasks at full speed. Default: ${DEFAULT-VALUE}.")
    int tasks;

    @Option(names = "--rate", defaultValue = "0", description = "Fixed rate, tasks/s (with --duration).")
    double rate;

    @Option(names = "--max-in-flight", defaultValue = "5000",
            description = "At full speed, the most tasks sent to a system and not yet decided (0: no bound), so the"
                    + " router's outcomes are routed during the run rather than after a backlog of tasks; every system"
                    + " runs under the same bound. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--duration", defaultValue = "PT30S", description = "Length of a fixed-rate run. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5000",
            description = "Tasks per warm-up round (sent at --rate in a fixed-rate run); rounds repeat until the"
                    + " JIT compilers are quiet or --warmup-max has passed, so a warm-up sends a multiple of this."
                    + " Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--warmup-max", defaultValue = "PT150S",
            description = "The longest warm-up. Default: ${DEFAULT-VALUE}.")
    Duration warmupMax;

    @Option(names = "--partitions", defaultValue = "6", description = "Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--commit-interval-ms", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int commitIntervalMs;

    @Option(names = "--router-heap", defaultValue = "256m", description = "Heap of the measured JVM. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--compare", description = "Also measure the baselines: pipe, original and sql_best.")
    boolean compare;

    @Option(names = "--systems", split = ",", paramLabel = "SYSTEM",
            description = "What to measure, in order (router first for ratios): router, pipe, original, sql_best."
                    + " Default: router, or all four with --compare.")
    List<String> systems;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A router setting for the Kafka Streams systems (router and pipe),"
                    + " e.g. kafka.num.stream.threads=2.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--latency-log", paramLabel = "FILE",
            description = "Write every latency sample of the measured phases as CSV (system, sent_ms, latency_ms,"
                    + " task_acked_ms: the broker's acknowledgement of the task, assignment_appended_ms: the"
                    + " assignment readable uncommitted, round): where in the latency and in the run the tail is.")
    Path latencyLog;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Measure every system this many times, in turn, and summarise each figure by its median"
                    + " (runs on a shared machine vary). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (pools < 1 || agentsPerPool < 1 || workTypes < 1 || tasks < 1 || warmup < 0 || partitions < 1
                || !(capableFraction > 0 && capableFraction <= 1) || rate < 0 || maxInFlight < 0 || rounds < 1) {
            System.err.println("agent-router bench: --pools, --agents-per-pool, --work-types, --tasks, --partitions"
                    + " and --rounds must be >= 1, --capable-fraction in (0, 1], --rate, --warmup and --max-in-flight"
                    + " >= 0");
            return AgentRouterCli.EXIT_USAGE;
        }
        List<String> measured = systems != null ? systems : compare ? BenchOptions.ALL_SYSTEMS : List.of("router");
        for (String system : measured) {
            if (!BenchOptions.ALL_SYSTEMS.contains(system)) {
                System.err.println("agent-router bench: --systems takes " + String.join(", ", BenchOptions.ALL_SYSTEMS)
                        + "; got '" + system + "'");
                return AgentRouterCli.EXIT_USAGE;
            }
        }
        if (measured.contains("pipe") && !measured.contains("router")) {
            System.err.println("agent-router bench: --systems pipe needs router before it (the pipe writes records"
                    + " the size of the router's)");
            return AgentRouterCli.EXIT_USAGE;
        }
        RouterConfig.of(settings); // a bad --set fails here with its one-line message, not in the child JVM
        new Bench(new BenchOptions(bootstrap, pools, agentsPerPool, workTypes, capableFraction, tasks, maxInFlight, rate,
                duration, warmup, warmupMax, partitions, commitIntervalMs, heap, measured, settings, json,
                latencyLog, rounds),
                System.out).run();
        return 0;
    }
}
