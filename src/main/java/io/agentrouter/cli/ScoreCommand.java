package io.agentrouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.routing.RoutingEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Offline explain: where would this task go, and why? No Kafka involved. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Route one task of a JSON scenario offline and print the decision, with every candidate's"
                + " points, as one JSON object.")
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "Scenario file (see the README, 'Asking the router offline').")
    Path scenario;

    @Override
    public Integer call() {
        JsonNode root;
        try {
            root = DecisionJson.MAPPER.readTree(Files.readString(scenario));
        } catch (NoSuchFileException e) {
            return fail("scenario file not found: " + scenario);
        } catch (JsonProcessingException e) {
            return fail("scenario " + scenario + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            return fail("cannot read scenario " + scenario + ": " + e.getMessage());
        }
        Scenario parsed;
        try {
            parsed = Scenario.parse(root);
        } catch (Scenario.ScenarioException e) {
            return fail("scenario " + scenario + ": " + e.getMessage());
        }
        Decision decision = RoutingEngine.decide(parsed.policy(), parsed.request(), parsed);
        // the id a router with the default application id gives the first attempt of this task at T
        var record = DecisionRecords.toRecord(DecisionRecords.entry(decision,
                DecisionRecords.policyRecord(parsed.policy()), DEFAULT_APPLICATION_ID,
                parsed.request().at().toEpochMilli()));
        spec.commandLine().getOut().println(DecisionJson.of(record).toString());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static final String DEFAULT_APPLICATION_ID = RouterConfig.defaults().get(Setting.APPLICATION_ID);

    private int fail(String message) {
        spec.commandLine().getErr().println("agent-router score: " + message.replace('\n', ' '));
        return AgentRouterCli.EXIT_USAGE;
    }
}
