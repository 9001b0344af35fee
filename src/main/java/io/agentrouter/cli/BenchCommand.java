package io.agentrouter.cli;

import io.agentrouter.bench.Bench;
import io.agentrouter.bench.BenchOptions;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--duration", defaultValue = "PT30S", description = "Length of a fixed-rate run. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "3000", description = "Tasks routed before measuring. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--partitions", defaultValue = "6", description = "Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--commit-interval-ms", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int commitIntervalMs;

    @Option(names = "--router-heap", defaultValue = "512m", description = "Heap of the measured JVM. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--compare", description = "Also measure the pipe baseline.")
    boolean compare;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (pools < 1 || agentsPerPool < 1 || workTypes < 1 || tasks < 1 || warmup < 0 || partitions < 1
                || !(capableFraction > 0 && capableFraction <= 1) || rate < 0) {
            System.err.println("agent-router bench: --pools, --agents-per-pool, --work-types, --tasks and --partitions"
                    + " must be >= 1, --capable-fraction in (0, 1], --rate and --warmup >= 0");
            return AgentRouterCli.EXIT_USAGE;
        }
        new Bench(new BenchOptions(bootstrap, pools, agentsPerPool, workTypes, capableFraction, tasks, rate,
                duration, warmup, partitions, commitIntervalMs, heap, compare, json), System.out).run();
        return 0;
    }
}
