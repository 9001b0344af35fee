package io.agentrouter.cli;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.replay.AuditReader;
import io.agentrouter.replay.ReplaySummary;
import io.agentrouter.topology.BrokerCheck;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Analysts read the audit trail: filtered, as a table, JSON lines or CSV, with a summary. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Print routing decisions from the audit topic, filtered, as a table, JSON lines or CSV."
                + " Joins no consumer group.")
final class ReplayCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    private static final List<String> COLUMNS = List.of("created_at", "task_id", "work_type", "agent_pool",
            "outcome", "selected_agent_id", "score", "success_rate_percent", "attempt", "retried", "reason",
            "decision_id");

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (overrides kafka.bootstrap.servers).")
    String bootstrap;

    @Option(names = "--from", description = "Earliest decision time, ISO-8601 UTC (default: the start of the topic).")
    Instant from;

    @Option(names = "--to", description = "Latest decision time, ISO-8601 UTC (default: now).")
    Instant to;

    @Option(names = "--task", description = "Only this task_id.")
    String task;

    @Option(names = "--work-type", description = "Only this work type.")
    String workType;

    @Option(names = "--pool", description = "Only this pool.")
    String pool;

    @Option(names = "--agent", description = "Only decisions that selected this agent.")
    String agent;

    @Option(names = "--outcome", description = "ASSIGNED or REJECTED.")
    DecisionOutcome outcome;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on stderr (--no-progress: never)."
            + " Default: when stderr is a terminal.")
    Boolean progress;

    @Override
    public Integer call() {
        RouterConfig config = options.load();
        Map<String, Object> client = new HashMap<>(config.kafkaPassthrough());
        client.put("bootstrap.servers", bootstrap != null ? bootstrap : config.get(Setting.BOOTSTRAP_SERVERS));
        PrintStream out = System.out;
        String errTerminal = Terminals.device(2);
        boolean showProgress = progress != null ? progress : errTerminal != null;
        // on one terminal rows and bar share the screen: the bar is erased before rows are printed
        ProgressBar bar = new ProgressBar(System.err, errTerminal != null && errTerminal.equals(Terminals.device(1)));
        ReplaySummary summary = new ReplaySummary();
        Consumer<RoutingDecision> printer = printer(out);
        String origin = bootstrap != null ? "--bootstrap" : "kafka.bootstrap.servers";
        BrokerCheck.connect(client, origin, BrokerCheck.TIMEOUT).close(Duration.ZERO);
        if (format == Format.csv) {
            out.println(String.join(",", COLUMNS));
        } else if (format == Format.table) {
            out.printf("%-24s %-36s %-16s %-14s %-8s %-12s %6s %4s  %s%n", "created_at", "task_id", "work_type",
                    "pool", "outcome", "agent", "score", "try", "reason");
        }
        long records = AuditReader.read(client, Topics.from(config).decisions(),
                new AuditReader.Filter(from, to, task, workType, pool, agent, outcome),
                d -> {
                    summary.add(d);
                    if (showProgress) {
                        bar.beforeRow();
                    }
                    printer.accept(d);
                },
                showProgress ? bar::update : (read, passed, total) -> { });
        if (showProgress) {
            bar.finish(records);
        }
        // the summary goes with the table; with json/csv it goes to stderr so stdout stays machine-readable
        (format == Format.table ? out : System.err).println(summary);
        out.flush();
        return 0;
    }

    private Consumer<RoutingDecision> printer(PrintStream out) {
        return switch (format) {
            case json -> d -> out.println(DecisionJson.of(d));
            case csv -> d -> out.println(String.join(",", row(d).stream().map(ReplayCommand::csv).toList()));
            case table -> d -> out.printf("%-24s %-36s %-16s %-14s %-8s %-12s %6s %4d  %s%n", d.getCreatedAt(),
                    d.getTaskId(), d.getWorkType(), d.getAgentPool() == null ? "-" : d.getAgentPool(), d.getOutcome(),
                    d.getSelectedAgentId() == null ? "-" : d.getSelectedAgentId(),
                    d.getScore() == null ? "-" : String.format(Locale.ROOT, "%.2f", d.getScore()), d.getAttempt(),
                    d.getReason());
        };
    }

    static List<String> row(RoutingDecision d) {
        return List.of(d.getCreatedAt().toString(), d.getTaskId(), d.getWorkType(), text(d.getAgentPool()),
                d.getOutcome().name(), text(d.getSelectedAgentId()), text(d.getScore()),
                text(d.getSuccessRatePercent()), Integer.toString(d.getAttempt()), Integer.toString(d.getRetried()),
                d.getReason(), d.getDecisionId());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
