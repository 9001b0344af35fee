package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry and performance tables, and ROUTING.md's worked example built from real events. */
class RegistryAndWorkedExampleTest {

    private final RouterDriver router = new RouterDriver();

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void registersANewAgentWithStatusCapabilitiesAndHeartbeatTime() {
        router.heartbeat("A", "infra_pool_1", List.of("deploy_service", "restart_service"), List.of(),
                AgentStatus.ONLINE, T0.minusSeconds(3));
        KeyValueStore<String, AgentRecord> registry = router.driver.getKeyValueStore(RouterStores.AGENT_REGISTRY);
        AgentRecord a = registry.get("A");
        assertThat(a.getStatus()).isEqualTo(AgentStatus.ONLINE);
        assertThat(a.getCapabilities()).containsExactly("deploy_service", "restart_service");
        assertThat(a.getSpecializations()).isEmpty();
        assertThat(a.getLastHeartbeatAt()).isEqualTo(T0.minusSeconds(3));
        assertThat(router.registry.readKeyValue().key).isEqualTo("A");

        router.heartbeat("A", "infra_pool_1", List.of("deploy_service"), List.of("deployment_expert"),
                AgentStatus.BUSY, T0);
        assertThat(registry.get("A").getStatus()).isEqualTo(AgentStatus.BUSY);
        assertThat(registry.get("A").getSpecializations()).containsExactly("deployment_expert");
        assertThat(registry.get("A").getCapabilities()).containsExactly("deploy_service");
    }

    @Test
    void agentMovingPoolsLeavesTheOldPool() {
        router.online("A");
        router.heartbeat("A", "infra_pool_2", List.of("deploy_service"), List.of(), AgentStatus.ONLINE,
                T0.plusMillis(1));
        router.task("t-1", T0.plusMillis(2));
        assertThat(router.onlyDecision().getReason()).isEqualTo("pool 'infra_pool_1' has no agents");
        router.task("t-2", "deploy_service", "infra_pool_2", null, T0.plusMillis(3));
        assertThat(router.onlyDecision().getSelectedAgentId()).isEqualTo("A");
    }

    @Test
    void performanceTableHoldsAcceptedOutcomesPerAgentAndWorkType() {
        router.online("A");
        router.train("A", 3, 1, T0.minusSeconds(5));
        KeyValueStore<String, ValueAndTimestamp<byte[]>> table =
                router.driver.getTimestampedKeyValueStore(RouterStores.AGENT_PERFORMANCE);
        Topic<String, AgentPerformance> topic = router.topics.performance();
        AgentPerformance p = topic.valueSerde().deserializer()
                .deserialize(topic.name(), table.get(Topics.performanceKey("A", "deploy_service")).value());
        assertThat(p.getSuccessCount()).isEqualTo(3);
        assertThat(p.getFailureCount()).isEqualTo(1);
        assertThat(p.getTotalDurationMs()).isEqualTo(4000);
        assertThat(p.getLastExecutionAt()).isEqualTo(T0.minusSeconds(5));
        assertThat(p.getDifficultyAssessment()).isNotNull();
    }

    /** ROUTING.md "Worked example", from heartbeats, tasks and outcomes through the real topology. */
    @Test
    void workedExampleToTheDigit() {
        Instant t = T0;
        router.heartbeat("A", "infra_pool_1", List.of("deploy_service"), List.of("deployment_expert"),
                AgentStatus.ONLINE, t.minusSeconds(20));
        router.train("A", 20, 1, t.minus(Duration.ofMinutes(30)));
        // three decisions to A within [T-1h, T], each reported so A keeps its record
        for (Instant at : List.of(t.minus(Duration.ofMinutes(45)), t.minus(Duration.ofMinutes(30)),
                t.minus(Duration.ofMinutes(10)))) {
            router.task("load-" + at.toEpochMilli(), at);
            router.onlyAssignment();
        }
        router.heartbeat("A", "infra_pool_1", List.of("deploy_service"), List.of("deployment_expert"),
                AgentStatus.BUSY, t.minusSeconds(15));
        router.heartbeat("B", "infra_pool_1", List.of("deploy_service"), List.of(), AgentStatus.ONLINE,
                t.minusSeconds(14));
        router.train("B", 14, 6, t.minus(Duration.ofHours(6)));
        router.heartbeat("A", "infra_pool_1", List.of("deploy_service"), List.of("deployment_expert"),
                AgentStatus.ONLINE, t.minusSeconds(5));
        router.heartbeat("C", "infra_pool_1", List.of("deploy_service"), List.of("deployment_expert"),
                AgentStatus.OFFLINE, t.minusSeconds(2));
        router.drainDecisions();

        router.task("t-1", "deploy_service", "infra_pool_1", "deployment_expert", t);
        RoutingDecision d = router.onlyDecision();

        assertThat(d.getSelectedAgentId()).isEqualTo("A");
        assertThat(d.getScore()).isCloseTo(95.10, within(0.005));
        assertThat(d.getReason()).isEqualTo("Selected based on 95% success rate, recent context, specialization match");
        assertThat(d.getSuccessRatePercent()).isEqualTo(95);
        assertThat(d.getSpecializationMatch()).isEqualTo(1);
        assertThat(d.getRecentContextMatch()).isEqualTo(1);
        assertThat(d.getRetried()).isZero();
        assertThat(d.getCandidates()).extracting(CandidateScore::getAgentId).containsExactly("A", "B");
        CandidateScore a = d.getCandidates().get(0);
        assertThat(a.getSuccessPoints()).isCloseTo(38.10, within(0.005));
        assertThat(a.getContextPoints()).isEqualTo(30.0);
        assertThat(a.getSpecializationPoints()).isEqualTo(20.0);
        assertThat(a.getLoad()).isEqualTo(3);
        assertThat(a.getLoadPoints()).isCloseTo(7.0, within(1e-9));
        CandidateScore b = d.getCandidates().get(1);
        assertThat(b.getScore()).isCloseTo(38.00, within(1e-9));
        assertThat(b.getContextPoints()).isZero();
    }
}
