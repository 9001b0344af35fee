package io.agentrouter.cli;

import io.agentrouter.bench.SqlRouter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The benchmark's database-centred baselines in a JVM of their own (started by bench --compare). */
@Command(name = "sql-baseline", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark baseline: routing with SQL per decision.")
final class SqlBaselineCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--mode", required = true, description = "original or best")
    String mode;

    @Option(names = "--pg-url", required = true, description = "The PostgreSQL to route with (jdbc:postgresql://...).")
    String url;

    @Option(names = "--pg-user", defaultValue = "postgres")
    String user;

    @Option(names = "--pg-password", defaultValue = "postgres")
    String password;

    @Override
    public Integer call() throws Exception {
        return SqlRouter.run(options.load(), mode, url, user, password);
    }
}
