package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.cli.AgentRouterCli;
import io.agentrouter.config.RouterConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Python example under examples/python, with Debian's python3-confluent-kafka and python3-avro
 * and nothing but the published schemas and fingerprints, registers an agent, submits a task,
 * answers its assignment and reads its decision and performance from a running router.
 */
@Tag("reliability")
class PythonClientTest {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void aPythonProducerAndAgentRouteATaskEndToEnd() throws Exception {
        Assumptions.assumeTrue(pythonHasTheClients(), "python3-confluent-kafka and python3-avro are not installed"
                + " (.ci/run installs them in CI)");
        Path schemas = TestDirs.create("schemas-for-clients-");
        assertThat(AgentRouterCli.execute("schemas", "--out", schemas.toString())).as("schemas written").isZero();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            RouterConfig config = BrokerTestSupport.config(kafka, Map.of());
            KafkaStreams router = BrokerTestSupport.startRouter(config);
            try {
                Process python = new ProcessBuilder(PYTHON, "examples/python/agent_router_client.py",
                        "--bootstrap", kafka.bootstrapServers(), "--schemas", schemas.toString(),
                        "--pool", "py_pool", "--work-type", "summarize", "--agent-id", "py-agent-1")
                        .redirectErrorStream(true).start();
                boolean ended = python.waitFor(120, TimeUnit.SECONDS);
                String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!ended) {
                    python.destroyForcibly();
                }
                assertThat(ended).as("the example ended: %s", output).isTrue();
                assertThat(python.exitValue()).as(output).isZero();
                List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
                assertThat(lines).as(output).hasSize(2);
                assertThat(lines.get(0)).contains("\"outcome\": \"ASSIGNED\"", "\"selected_agent_id\": \"py-agent-1\"",
                        "\"reason\": \"Selected based on neutral success rate (0 of 10 executions)\"");
                assertThat(lines.get(1)).contains("\"agent_id\": \"py-agent-1\"", "\"success_count\": 1",
                        "\"failure_count\": 0");
            } finally {
                router.close(java.time.Duration.ofSeconds(10));
            }
        }
    }

    private static boolean pythonHasTheClients() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro").redirectErrorStream(true)
                .start();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }
}
