package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.RoutingDecision;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Performance and load belong to the agent, whatever pool it is in (ROUTING.md "Retries and
 * failure"): the pool an agent leaves hands them to the pool it joins, and no published row goes back.
 */
class PoolMovesTest {

    private final RouterDriver router = new RouterDriver();

    @AfterEach
    void close() {
        router.close();
    }

    private void moveTo(String agentId, String pool, long atMillis) {
        router.heartbeat(agentId, pool, List.of("deploy_service"), List.of(), AgentStatus.ONLINE,
                T0.plusMillis(atMillis));
    }

    private static CandidateScore candidate(RoutingDecision decision, String agentId) {
        return decision.getCandidates().stream().filter(c -> c.getAgentId().equals(agentId)).findFirst()
                .orElseThrow(() -> new AssertionError(agentId + " is not a candidate: " + decision));
    }

    @Test
    void anAgentThatMovesPoolIsScoredInTheNewPoolWithItsHistoryAndLoad() {
        router.online("A");
        router.train("A", 20, 1, T0.minusSeconds(30));
        router.task("recent", T0); // one decision within the load window
        router.onlyAssignment();
        router.drainDecisions();
        moveTo("B", "infra_pool_2", 1);
        moveTo("A", "infra_pool_2", 2);
        router.drainDecisions(); // its open attempt was re-routed by the move

        router.task("t-1", "deploy_service", "infra_pool_2", null, T0.plusMillis(3));
        RoutingDecision d = router.onlyDecision();
        CandidateScore a = candidate(d, "A");
        assertThat(a.getSuccessCount()).isEqualTo(20);
        assertThat(a.getFailureCount()).isEqualTo(1);
        assertThat(a.getLoad()).as("its decision in the old pool still counts").isEqualTo(1);
        assertThat(candidate(d, "B").getSuccessCount()).isZero();
        assertThat(d.getSelectedAgentId()).isEqualTo("A");
    }

    @Test
    void publishedPerformanceRowsOnlyGrowAcrossMovesAndReRegistrations() {
        router.online("A");
        router.train("A", 12, 0, T0.minusSeconds(30));
        moveTo("A", "infra_pool_2", 1);
        router.task("t-1", "deploy_service", "infra_pool_2", null, T0.plusMillis(2));
        Assignment first = router.onlyAssignment();
        router.succeed(first, T0.plusMillis(3));

        router.heartbeats.pipeInput("A", null, T0.plusMillis(4).toEpochMilli()); // deregisters in infra_pool_2
        moveTo("A", "infra_pool_3", 5); // registers again elsewhere: brings its history
        router.task("t-2", "deploy_service", "infra_pool_3", null, T0.plusMillis(6));
        Assignment second = router.onlyAssignment();
        router.succeed(second, T0.plusMillis(7));

        moveTo("A", "infra_pool_1", 8); // and back to where it started
        router.task("t-3", T0.plusMillis(9));
        List<RoutingDecision> decisions = router.drainDecisions();
        assertThat(decisions).extracting(RoutingDecision::getTaskId).containsExactly("t-1", "t-2", "t-3");
        assertThat(decisions).extracting(decision -> candidate(decision, "A").getSuccessCount())
                .containsExactly(12L, 13L, 14L);
        assertThat(candidate(decisions.get(2), "A").getLoad()).as("t-1 and t-2, decided in other pools").isEqualTo(2);

        List<AgentPerformance> rows = router.performance.readValuesToList();
        assertThat(rows).extracting(AgentPerformance::getSuccessCount).containsExactly(13L, 14L);
    }

    @Test
    void anAgentThatMovesBackAndForthKeepsOneHistory() {
        router.online("A");
        router.train("A", 10, 2, T0.minusSeconds(30));
        for (int i = 0; i < 4; i++) {
            moveTo("A", i % 2 == 0 ? "infra_pool_2" : "infra_pool_1", 1 + i);
        }
        router.task("t-1", T0.plusMillis(10));
        CandidateScore a = candidate(router.onlyDecision(), "A");
        assertThat(a.getSuccessCount()).isEqualTo(10);
        assertThat(a.getFailureCount()).isEqualTo(2);
    }
}
