package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Selection behaviour on the real topology: filters, score components, tie-breaks, windows. */
class RoutingBehaviourTest {

    private final RouterDriver router = new RouterDriver();

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void routesToAnOnlineAgent() {
        router.online("A");
        router.task("t-1", T0);

        RoutingDecision decision = router.onlyDecision();
        Assignment assignment = router.onlyAssignment();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.ASSIGNED);
        assertThat(decision.getSelectedAgentId()).isEqualTo("A");
        assertThat(decision.getAgentPool()).isEqualTo("infra_pool_1");
        assertThat(decision.getReason()).isEqualTo("Selected based on neutral success rate (0 of 10 executions)");
        assertThat(decision.getSuccessRatePercent()).isNull();
        assertThat(decision.getScore()).isCloseTo(30.0, within(1e-9)); // 40*0.5 + 10
        assertThat(assignment.getAgentId()).isEqualTo("A");
        assertThat(assignment.getDecisionId()).isEqualTo(decision.getDecisionId());
        assertThat(assignment.getTask().getTaskId()).isEqualTo("t-1");
        assertThat(assignment.getAttempt()).isZero();
    }

    @Test
    void assignmentIsKeyedByAgentAndDecisionByDecisionId() {
        router.online("A");
        router.task("t-1", T0);
        var decision = router.decisions.readRecord();
        var assignment = router.assignments.readRecord();
        assertThat(decision.key()).isEqualTo(decision.value().getDecisionId());
        assertThat(assignment.key()).isEqualTo("A");
    }

    @Test
    void prefersAHigherSuccessRate() {
        router.online("A");
        router.train("A", 9, 1, T0.minus(Duration.ofDays(1)));
        router.status("A", AgentStatus.BUSY, T0.plusMillis(1));
        router.online("B");
        router.train("B", 6, 4, T0.minus(Duration.ofDays(1)));
        router.status("A", AgentStatus.ONLINE, T0.plusMillis(2));
        assertThat(router.drainDeadLetters()).isEmpty();

        router.task("t-1", T0.plusMillis(3));
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getSelectedAgentId()).isEqualTo("A");
        assertThat(d.getSuccessRatePercent()).isEqualTo(90);
        assertThat(d.getReason()).isEqualTo("Selected based on 90% success rate");
        assertThat(d.getCandidates()).extracting(CandidateScore::getAgentId).containsExactly("A", "B");
        assertThat(d.getCandidates().get(1).getSuccessPoints()).isCloseTo(24.0, within(1e-9));
    }

    @Test
    void prefersRecentContext() {
        router.online("A");
        router.train("A", 5, 5, T0.minus(Duration.ofHours(1)));
        router.status("A", AgentStatus.BUSY, T0.plusMillis(1));
        router.online("B");
        router.train("B", 6, 4, T0.minus(Duration.ofHours(5)));
        router.status("A", AgentStatus.ONLINE, T0.plusMillis(2));

        router.task("t-1", T0.plusMillis(3));
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getSelectedAgentId()).isEqualTo("A"); // 20 + 30 + 10 beats 24 + 10
        assertThat(d.getRecentContextMatch()).isEqualTo(1);
        assertThat(d.getReason()).isEqualTo("Selected based on 50% success rate, recent context");
    }

    @Test
    void prefersASpecializationNamedByTheTaskOrConfiguredForTheWorkType() {
        router.online("A");
        router.online("B", "deployment_expert");
        router.task("t-1", "deploy_service", "infra_pool_1", "deployment_expert", T0);
        RoutingDecision named = router.onlyDecision();
        assertThat(named.getSelectedAgentId()).isEqualTo("B");
        assertThat(named.getSpecializationMatch()).isEqualTo(1);
        assertThat(named.getReason()).endsWith(", specialization match");

        try (RouterDriver configured = new RouterDriver(
                Map.of("routing.work_type_specializations", "deploy_service=deployment_expert"))) {
            configured.online("A");
            configured.online("B", "deployment_expert");
            configured.task("t-2", T0);
            RoutingDecision d = configured.onlyDecision();
            assertThat(d.getSelectedAgentId()).isEqualTo("B");
            assertThat(d.getPreferredSpecialization()).isEqualTo("deployment_expert");
        }
    }

    @Test
    void specializationsAreOptional() {
        router.online("A");
        router.task("t-1", "deploy_service", "infra_pool_1", "deployment_expert", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getSelectedAgentId()).isEqualTo("A");
        assertThat(d.getSpecializationMatch()).isZero();
    }

    @Test
    void balancesLoadAcrossEqualAgents() {
        router.online("A");
        router.online("B");
        router.task("t-1", T0);
        router.task("t-2", T0.plusSeconds(1));
        router.task("t-3", T0.plusSeconds(2));
        router.task("t-4", T0.plusSeconds(3));
        List<String> chosen = router.drainDecisions().stream().map(RoutingDecision::getSelectedAgentId).toList();
        assertThat(chosen).containsExactly("A", "B", "A", "B");
    }

    @Test
    void tiesAreMeasuredFromTheBestScoreAndDoNotChain() {
        // success weight 1.2e-9: A (10 of 10) scores 1.2e-9 above C (0 of 12), B (neutral) 0.6e-9 above C.
        // A and B are within 1e-9 of the best, C is not, although it is within 1e-9 of B.
        try (RouterDriver tiny = new RouterDriver(Map.of("routing.w_success", "1.2e-9"))) {
            Instant history = T0.minus(Duration.ofDays(1));
            tiny.online("A");
            tiny.train("A", 10, 0, history);
            tiny.status("A", AgentStatus.BUSY, T0.plusMillis(1));
            tiny.online("C");
            tiny.train("C", 0, 12, history);
            tiny.status("C", AgentStatus.BUSY, T0.plusMillis(2));
            tiny.online("B");
            tiny.status("A", AgentStatus.ONLINE, T0.plusMillis(3));
            tiny.status("C", AgentStatus.ONLINE, T0.plusMillis(4));
            tiny.drainDecisions();

            tiny.task("t-1", T0.plusMillis(5));
            RoutingDecision d = tiny.onlyDecision();
            // C has the most executions, so it would win if the tie chained through B
            assertThat(d.getSelectedAgentId()).isEqualTo("A");
            assertThat(d.getCandidates()).extracting(CandidateScore::getAgentId).containsExactly("A", "B", "C");
        }
    }

    @Test
    void skipsAgentsWithoutTheCapability() {
        router.heartbeat("A", "infra_pool_1", List.of("restart_service"), List.of(), AgentStatus.ONLINE, T0);
        router.online("B");
        router.task("t-1", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getSelectedAgentId()).isEqualTo("B");
        assertThat(d.getCandidates()).extracting(CandidateScore::getAgentId).containsExactly("B");
    }

    @Test
    void rejectsWhenNoOnlineAgentCanDoTheWorkType() {
        router.heartbeat("A", "infra_pool_1", List.of("restart_service"), List.of(), AgentStatus.ONLINE, T0);
        router.status("B", AgentStatus.OFFLINE, T0);
        router.task("t-1", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(d.getReason()).isEqualTo("no online agent in pool 'infra_pool_1' can do 'deploy_service'");
        assertThat(d.getCandidates()).isEmpty();
        assertThat(router.assignments.isEmpty()).isTrue();
    }

    @Test
    void offlinePoolIsRejectedAndNotRetried() {
        router.status("A", AgentStatus.OFFLINE, T0);
        router.task("t-1", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(d.getReason()).isEqualTo("pool 'infra_pool_1' has no online agents");
        assertThat(d.getSelectedAgentId()).isNull();
        assertThat(d.getScore()).isNull();
        assertThat(d.getSuccessRatePercent()).isNull();
        assertThat(d.getRetried()).isZero();

        router.online("A");
        router.status("A", AgentStatus.ONLINE, T0.plusSeconds(1));
        router.advanceWallClock(Duration.ofHours(1));
        assertThat(router.decisions.isEmpty()).isTrue();
        assertThat(router.assignments.isEmpty()).isTrue();
    }

    @Test
    void rejectsAPoolWithNoAgentsAndAWorkTypeWithNoPool() {
        router.task("t-1", "deploy_service", "empty_pool", null, T0);
        assertThat(router.onlyDecision().getReason()).isEqualTo("pool 'empty_pool' has no agents");

        router.task("t-2", "paint_fence", null, null, T0);
        RoutingDecision noPool = router.onlyDecision();
        assertThat(noPool.getReason()).isEqualTo("no pool for work type 'paint_fence'");
        assertThat(noPool.getAgentPool()).isNull();
        assertThat(router.drainDeadLetters()).isEmpty();
    }

    @Test
    void taskWithoutPoolUsesTheConfiguredPool() {
        router.online("A");
        router.task("t-1", "deploy_service", null, null, T0);
        assertThat(router.onlyDecision().getAgentPool()).isEqualTo("infra_pool_1");
    }

    @Test
    void busyAgentsOnlyWhenNoOnlineCandidateIsLeft() {
        router.online("A");
        router.train("A", 10, 0, T0);
        router.status("A", AgentStatus.BUSY, T0.plusMillis(1));
        router.online("B");
        router.task("t-1", T0.plusMillis(2));
        RoutingDecision first = router.onlyDecision();
        assertThat(first.getSelectedAgentId()).isEqualTo("B");
        assertThat(first.getCandidates()).extracting(CandidateScore::getAgentId).containsExactly("B");

        router.status("B", AgentStatus.OFFLINE, T0.plusMillis(3));
        router.drainDecisions(); // B's open task is re-routed to A
        router.task("t-2", T0.plusMillis(4));
        RoutingDecision second = router.onlyDecision();
        assertThat(second.getSelectedAgentId()).isEqualTo("A");
        assertThat(second.getCandidates().get(0).getStatus()).isEqualTo(AgentStatus.BUSY);
    }

    @Test
    void minimumSampleSizeOnTheTopology() {
        router.online("A");
        router.train("A", 9, 0, T0.minus(Duration.ofDays(1)));
        router.task("t-9", T0);
        RoutingDecision nine = router.onlyDecision();
        assertThat(nine.getSuccessRatePercent()).isNull();
        assertThat(nine.getCandidates().get(0).getSuccessPoints()).isEqualTo(20.0);
        assertThat(nine.getReason()).startsWith("Selected based on neutral success rate (9 of 10 executions)");
        router.succeed(router.onlyAssignment(), T0.minus(Duration.ofDays(1)));

        router.task("t-10", T0.plusSeconds(1));
        RoutingDecision ten = router.onlyDecision();
        assertThat(ten.getSuccessRatePercent()).isEqualTo(100);
        assertThat(ten.getCandidates().get(0).getSuccessPoints()).isEqualTo(40.0);
    }

    @Test
    void perfectAgentScoresHundred() {
        router.online("A", "deployment_expert");
        router.train("A", 10, 0, T0.minus(Duration.ofMinutes(5)));
        router.task("t-1", "deploy_service", "infra_pool_1", "deployment_expert", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getScore()).isEqualTo(100.0);
        assertThat(d.getReason()).isEqualTo("Selected based on 100% success rate, recent context, specialization match");
    }

    @Test
    void loadWindowIncludesDecisionsExactlyOneHourOld() {
        router.online("A");
        router.task("old", T0.minus(Duration.ofHours(1)));
        router.task("older", T0.minus(Duration.ofHours(1)).minusMillis(1));
        router.drainDecisions();
        router.task("t-1", T0);
        CandidateScore a = router.onlyDecision().getCandidates().get(0);
        assertThat(a.getLoad()).isEqualTo(1);
        assertThat(a.getLoadPoints()).isCloseTo(9.0, within(1e-9));
    }

    @Test
    void contextWindowIncludesOutcomesExactlyFourHoursOld() {
        router.online("A");
        router.train("A", 1, 0, T0.minus(Duration.ofHours(4)));
        router.status("A", AgentStatus.BUSY, T0.plusMillis(1));
        router.online("B");
        router.train("B", 1, 0, T0.minus(Duration.ofHours(4)).minusMillis(1));
        router.status("A", AgentStatus.ONLINE, T0.plusMillis(2));
        router.task("t-1", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getCandidates()).extracting(CandidateScore::getAgentId, CandidateScore::getContextPoints)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 30.0), org.assertj.core.groups.Tuple.tuple("B", 0.0));
    }

    @Test
    void livenessUsesHeartbeatTimeAgainstTaskTimeWithTheTtlIncluded() {
        router.status("A", AgentStatus.ONLINE, T0.minusSeconds(30));
        router.status("B", AgentStatus.ONLINE, T0.minusSeconds(30).minusMillis(1));
        router.task("t-1", T0);
        RoutingDecision d = router.onlyDecision();
        assertThat(d.getCandidates()).extracting(CandidateScore::getAgentId).containsExactly("A");

        router.task("t-2", T0.plusMillis(1));
        assertThat(router.onlyDecision().getReason()).isEqualTo("pool 'infra_pool_1' has no online agents");
    }

    @Test
    void everyDecisionCanBeReadBackByTask() {
        router.online("A");
        router.task("t-1", T0);
        router.task("t-2", "deploy_service", "nowhere", null, T0);
        List<RoutingDecision> all = router.drainDecisions();
        assertThat(all).hasSize(2);
        RoutingDecision t2 = all.stream().filter(d -> d.getTaskId().equals("t-2")).findFirst().orElseThrow();
        assertThat(t2.getReason()).isEqualTo("pool 'nowhere' has no agents");
        assertThat(t2.getRetried()).isZero();
        assertThat(all).allSatisfy(d -> {
            assertThat(d.getReason()).isNotBlank();
            assertThat(d.getPolicy().getWSuccess()).isEqualTo(40.0);
            assertThat(d.getCreatedAt()).isNotNull();
        });
    }
}
