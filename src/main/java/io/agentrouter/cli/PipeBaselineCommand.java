package io.agentrouter.cli;

import io.agentrouter.bench.Pipe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The benchmark's pipe baseline in a JVM of its own (started by bench --compare). */
@Command(name = "pipe-baseline", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark baseline: tasks in, two fixed-size records out.")
final class PipeBaselineCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--decision-bytes", required = true, description = "Bytes of each decision record written.")
    int decisionBytes;

    @Option(names = "--assignment-bytes", required = true,
            description = "Bytes of each assignment record written.")
    int assignmentBytes;

    @Override
    public Integer call() throws Exception {
        return Pipe.run(options.load(), decisionBytes, assignmentBytes);
    }
}
