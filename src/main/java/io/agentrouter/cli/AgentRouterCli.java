package io.agentrouter.cli;

import io.agentrouter.config.ConfigException;
import io.agentrouter.config.StartupException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of the jar: {@code java -jar target/agent-router.jar <command>}. */
@Command(name = "agent-router", mixinStandardHelpOptions = true, version = "agent-router 0.1.0",
        description = "Routes each task to the best available agent, with a replayable audit trail.",
        subcommands = {LocalCommand.class, RunCommand.class, ScoreCommand.class, ReplayCommand.class, BenchCommand.class,
                PipeBaselineCommand.class, SqlBaselineCommand.class,
                TopologyDocsCommand.class, SchemasCommand.class})
public final class AgentRouterCli {

    /** A start-up or run that failed: a broker, port or database that cannot be used. */
    public static final int EXIT_FAILURE = 1;

    /** Bad arguments, configuration or input files. */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        preferUsFormatsForPlainEnglish();
        System.exit(execute(args));
    }

    /**
     * A JVM started under the C or POSIX locale (most containers, this project's machine) formats in
     * plain "en", under which every {@code String.format} of a number builds a DecimalFormatSymbols.
     * Kafka Streams 4.4 formats a message for each empty input partition before every record it
     * processes, even with TRACE off, and that costs about three times as much under "en" as under
     * en_US. English numbers and text read the same under both; other locales are left alone.
     */
    static void preferUsFormatsForPlainEnglish() {
        if (Locale.getDefault(Locale.Category.FORMAT).equals(Locale.ENGLISH)) {
            Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        }
    }

    /** Runs a command and returns its exit code (tests call this without exiting the JVM). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new AgentRouterCli());
        cli.registerConverter(Duration.class, text -> {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + text + "' is not an ISO-8601 duration such as PT60S");
            }
        });
        cli.registerConverter(Instant.class, text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + text + "' is not an ISO-8601 UTC time such as 2026-11-27T08:00:00Z");
            }
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("agent-router: " + e.getMessage().replace('\n', ' ')
                    + " (see --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("agent-router: config: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof StartupException) {
                commandLine.getErr().println("agent-router " + commandLine.getCommandName() + ": " + e.getMessage());
                return EXIT_FAILURE;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
