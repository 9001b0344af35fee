package io.agentrouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
            description = "Scenario file (see README, 'Asking the router offline').")
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
        var record = DecisionRecords.toRecord(decision, DecisionRecords.policyRecord(parsed.policy()));
        spec.commandLine().getOut().println(DecisionJson.of(record).toString());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("agent-router score: " + message.replace('\n', ' '));
        return AgentRouterCli.EXIT_USAGE;
    }
}
