package io.agentrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    private static final Path WORKED_EXAMPLE = Path.of("docs/worked-example.scenario.json");

    @TempDir
    Path dir;

    private static Run run(String... args) {
        return new Run(CliRun.of(args));
    }

    private record Run(CliRun cli) {
        int exit() {
            return cli.exit();
        }

        String out() {
            return cli.out();
        }

        String err() {
            return cli.err();
        }

        JsonNode json() throws Exception {
            return DecisionJson.MAPPER.readTree(cli.out());
        }
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(dir, "scenario", ".json");
        Files.writeString(file, json);
        return file;
    }

    private ObjectNode workedExample() throws Exception {
        return (ObjectNode) DecisionJson.MAPPER.readTree(Files.readString(WORKED_EXAMPLE));
    }

    @Test
    void reproducesTheWorkedExample() throws Exception {
        Run run = run("score", "--scenario", WORKED_EXAMPLE.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode d = run.json();
        assertThat(d.get("outcome").asText()).isEqualTo("ASSIGNED");
        assertThat(d.get("selected_agent_id").asText()).isEqualTo("A");
        assertThat(d.get("agent_pool").asText()).isEqualTo("infra_pool_1");
        assertThat(d.get("score").asDouble()).isCloseTo(95.10, within(0.005));
        assertThat(d.get("success_rate_percent").asInt()).isEqualTo(95);
        assertThat(d.get("specialization_match").asInt()).isEqualTo(1);
        assertThat(d.get("recent_context_match").asInt()).isEqualTo(1);
        assertThat(d.get("retried").asInt()).isZero();
        assertThat(d.get("attempt").asInt()).isZero();
        assertThat(d.get("reason").asText())
                .isEqualTo("Selected based on 95% success rate, recent context, specialization match");
        assertThat(d.get("candidates")).hasSize(2);
        JsonNode a = d.get("candidates").get(0);
        assertThat(a.get("agent_id").asText()).isEqualTo("A");
        assertThat(a.get("success_points").asDouble()).isCloseTo(38.10, within(0.005));
        assertThat(a.get("context_points").asDouble()).isEqualTo(30.0);
        assertThat(a.get("specialization_points").asDouble()).isEqualTo(20.0);
        assertThat(a.get("load_points").asDouble()).isCloseTo(7.0, within(1e-9));
        JsonNode b = d.get("candidates").get(1);
        assertThat(b.get("agent_id").asText()).isEqualTo("B");
        assertThat(b.get("score").asDouble()).isCloseTo(38.0, within(1e-9));
    }

    @Test
    void printsARejectionWithNullsAndNoCandidates() throws Exception {
        ObjectNode scenario = workedExample();
        scenario.withArray("agents").forEach(agent -> ((ObjectNode) agent).put("status", "OFFLINE"));
        Run run = run("score", "--scenario", write(scenario.toString()).toString());
        assertThat(run.exit()).isZero();
        JsonNode d = run.json();
        assertThat(d.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(d.get("selected_agent_id").isNull()).isTrue();
        assertThat(d.get("score").isNull()).isTrue();
        assertThat(d.get("success_rate_percent").isNull()).isTrue();
        assertThat(d.get("candidates")).isEmpty();
        assertThat(d.get("reason").asText()).isEqualTo("pool 'infra_pool_1' has no online agents");
    }

    @Test
    void honoursPolicyAttemptFailedAgentsAndWorkTypeMaps() throws Exception {
        ObjectNode scenario = workedExample();
        ObjectNode task = (ObjectNode) scenario.get("task");
        task.remove("pool_name");
        task.remove("preferred_specialization");
        scenario.putObject("work_type_pools").put("deploy_service", "infra_pool_1");
        scenario.putObject("work_type_specializations").put("deploy_service", "deployment_expert");
        scenario.put("attempt", 1);
        scenario.putArray("failed_agents").add("A");
        scenario.putObject("policy").put("min_samples", 30).put("load_window", "PT10M");
        JsonNode d = run("score", "--scenario", write(scenario.toString()).toString()).json();
        assertThat(d.get("selected_agent_id").asText()).isEqualTo("B");
        assertThat(d.get("retried").asInt()).isEqualTo(1);
        assertThat(d.get("attempt").asInt()).isEqualTo(1);
        assertThat(d.get("success_rate_percent").isNull()).isTrue(); // 20 executions < 30
        assertThat(d.get("reason").asText()).isEqualTo("Selected based on neutral success rate (20 of 30 executions)");
        assertThat(d.get("candidates")).hasSize(1);
        assertThat(d.get("excluded_agents").get(0).asText()).isEqualTo("A");
    }

    @Test
    void emptyOptionalNamesMeanNone() throws Exception {
        ObjectNode scenario = workedExample();
        ((ObjectNode) scenario.get("task")).put("preferred_specialization", "");
        JsonNode d = run("score", "--scenario", write(scenario.toString()).toString()).json();
        assertThat(d.get("specialization_match").asInt()).isZero();
        assertThat(d.get("candidates").get(0).get("specialization_points").asDouble()).isZero();
    }

    @Test
    void malformedScenariosPrintOneLineAndExitTwo() throws Exception {
        String[] broken = {
            "{not json",
            "[]",
            "{\"agents\": [], \"task\": {\"task_id\": \"t\", \"work_type\": \"w\"}}",
            "{\"now\": \"yesterday\", \"agents\": [], \"task\": {\"task_id\": \"t\", \"work_type\": \"w\"}}",
            workedExample().put("agents", "none").toString(),
            "{\"now\": \"2026-01-19T17:30:00Z\", \"agents\": [{\"agent_id\": \"A\"}], \"task\": {\"task_id\": \"t\", \"work_type\": \"w\"}}",
        };
        for (String json : broken) {
            Run run = run("score", "--scenario", write(json).toString());
            assertThat(run.exit()).as(json).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("agent-router score: ");
        }
        Run statusTypo = run("score", "--scenario", write(workedExample().toString().replace("\"OFFLINE\"", "\"ASLEEP\"")).toString());
        assertThat(statusTypo.err()).contains("agents[2].status: 'ASLEEP' is not one of ONLINE, BUSY, OFFLINE");

        Run missing = run("score", "--scenario", dir.resolve("absent.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("scenario file not found");

        Run badFlag = run("score", "--scenaro", "x");
        assertThat(badFlag.exit()).isEqualTo(2);
        assertThat(badFlag.err().strip().lines()).hasSize(1);
    }
}
