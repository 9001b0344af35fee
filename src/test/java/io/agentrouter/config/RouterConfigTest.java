package io.agentrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreThoseOfTheSpecification() {
        RouterConfig c = RouterConfig.defaults();
        assertThat(c.policy()).isEqualTo(io.agentrouter.scoring.Policy.defaults());
        assertThat(c.get(Setting.ASSIGNMENT_TIMEOUT)).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.get(Setting.MAX_RETRIES)).isEqualTo(3);
        assertThat(c.get(Setting.MAX_CLOCK_SKEW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.get(Setting.TASK_DEDUP_RETENTION)).isEqualTo(Duration.ofDays(7));
        assertThat(c.get(Setting.PROCESSING_GUARANTEE)).isEqualTo("exactly_once_v2");
    }

    @Test
    void fileThenEnvironmentThenFlagsEachWin() throws Exception {
        Path file = dir.resolve("router.properties");
        Files.writeString(file, "routing.max_retries=5\nrouting.load_cap=20\nrouting.min_samples=4\n"
                + "routing.work_type_pools=deploy_service=infra_pool_1, run_tests=code_pool\n"
                + "kafka.security.protocol=SASL_SSL\n");
        RouterConfig c = RouterConfig.load(file,
                Map.of("ROUTER_ROUTING_LOAD_CAP", "30", "ROUTER_ROUTING_MIN_SAMPLES", "6", "PATH", "/bin"),
                Map.of("routing.min_samples", "8"));
        assertThat(c.get(Setting.MAX_RETRIES)).isEqualTo(5);
        assertThat(c.get(Setting.LOAD_CAP)).isEqualTo(30);
        assertThat(c.get(Setting.MIN_SAMPLES)).isEqualTo(8);
        assertThat(c.get(Setting.WORK_TYPE_POOLS)).containsEntry("run_tests", "code_pool").hasSize(2);
        assertThat(c.kafkaPassthrough()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void badValuesStopWithOneLineNamingTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> RouterConfig.of(Map.of("routing.min_samples", "ten")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'ten' for routing.min_samples (from overrides); accepted: a whole number >= 1");
        assertThatThrownBy(() -> RouterConfig.load(null, Map.of("ROUTER_ROUTING_CONTEXT_WINDOW", "4 hours"), Map.of()))
                .hasMessageContaining("routing.context_window (from environment variable ROUTER_ROUTING_CONTEXT_WINDOW)")
                .hasMessageContaining("ISO-8601 duration");
        assertThatThrownBy(() -> RouterConfig.of(Map.of("kafka.processing.guarantee", "exactly_once")))
                .hasMessageContaining("one of exactly_once_v2, at_least_once");
        assertThatThrownBy(() -> RouterConfig.of(Map.of("routing.w_success", "120")))
                .hasMessageContaining("a number from 0 to 100");
        assertThatThrownBy(() -> RouterConfig.of(Map.of("routing.work_type_pools", "deploy_service")))
                .hasMessageContaining("work_type=value pairs");
        assertThatThrownBy(() -> RouterConfig.of(Map.of("routing.max_retry", "3")))
                .hasMessageStartingWith("unknown setting 'routing.max_retry'");
        assertThatThrownBy(() -> RouterConfig.load(null, Map.of("ROUTER_MAX_RETRIES", "3"), Map.of()))
                .hasMessageStartingWith("unknown environment variable ROUTER_MAX_RETRIES");
        assertThatThrownBy(() -> RouterConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .hasMessageStartingWith("config file '" + dir.resolve("missing.properties") + "' not found");
    }

    @Test
    void everySettingHasADescriptionAndAValidDefault() {
        assertThat(Setting.all()).allSatisfy(s -> {
            assertThat(s.description()).isNotBlank();
            assertThat(s.environmentVariable()).matches("ROUTER_[A-Z0-9_]+");
        });
        RouterConfig.defaults(); // parses every default
    }
}
