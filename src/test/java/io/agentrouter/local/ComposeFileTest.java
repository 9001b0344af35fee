package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is validated offline: every file it
 * mounts or builds from exists, and {@code docker-compose config -q} accepts it (required in CI,
 * where .ci/run installs docker-compose).
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    @Test
    void everyMountedFileExists() throws Exception {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).get("services");
        List<String> mounts = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            JsonNode volumes = service.getValue().get("volumes");
            if (volumes != null) {
                volumes.forEach(v -> mounts.add(v.asText().split(":")[0]));
            }
            JsonNode build = service.getValue().get("build");
            if (build != null) {
                mounts.add(Path.of(build.asText()).resolve("Dockerfile").toString());
            }
        });
        assertThat(mounts).isNotEmpty();
        for (String mount : mounts) {
            assertThat(Path.of(mount)).as("mounted by docker-compose.yml: " + mount).exists();
        }
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka", "postgres", "migrate", "connect", "connect-init", "router");
        assertThat(services.get("connect").get("depends_on").get("kafka").get("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        boolean installed = new File("/usr/bin/docker-compose").canExecute();
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, "docker-compose is not installed (.ci/run installs it in CI)");
        }
        assertThat(installed).as("docker-compose must be installed in CI").isTrue();
        ProcessBuilder check = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true);
        check.environment().put("DOCKER_HOST", "unix:///nonexistent.sock");
        Process process = check.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void registrationScriptCoversEveryConnectorFile() throws Exception {
        String script = Files.readString(Path.of("connect/register.sh"));
        for (String file : SinkConnectors.FILES) {
            assertThat(Path.of("connect", file)).exists();
        }
        assertThat(script).contains("*-sink.json", "${jdbc.url}", "${topic.decisions}", "${topic.registry}",
                "${topic.performance}", "${replication.factor}");
    }
}
