package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.contract.DeadLetterHeaders;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ROUTING.md "Retries and failure" and "Clocks" on the real topology. */
class RetriesAndTimersTest {

    private RouterDriver router = new RouterDriver(Map.of("routing.assignment_timeout", "PT10S"));

    @AfterEach
    void close() {
        router.close();
    }

    private Assignment assignTo(String taskId) {
        router.task(taskId, T0);
        router.drainDecisions();
        return router.onlyAssignment();
    }

    @Test
    void transientFailureIsRetriedOnAnotherAgent() {
        router.online("A");
        router.online("B");
        Assignment first = assignTo("t-1");
        assertThat(first.getAgentId()).isEqualTo("A");

        router.fail(first, true, T0.plusSeconds(5));
        RoutingDecision retry = router.onlyDecision();
        Assignment second = router.onlyAssignment();
        assertThat(retry.getAttempt()).isEqualTo(1);
        assertThat(retry.getRetried()).isEqualTo(1);
        assertThat(retry.getSelectedAgentId()).isEqualTo("B");
        assertThat(retry.getExcludedAgents()).containsExactly("A");
        assertThat(retry.getCreatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(second.getAttempt()).isEqualTo(1);
        assertThat(second.getDecisionId()).isEqualTo(retry.getDecisionId()).isNotEqualTo(first.getDecisionId());
        // the accepted failure counts in A's performance
        var performance = router.performance.readValuesToList();
        assertThat(performance).hasSize(1);
        assertThat(performance.get(0).getFailureCount()).isEqualTo(1);
    }

    @Test
    void failedAgentIsAllowedAgainWhenNobodyElseIsLeft() {
        router.online("A");
        Assignment first = assignTo("t-1");
        router.fail(first, true, T0.plusSeconds(1));
        RoutingDecision retry = router.onlyDecision();
        assertThat(retry.getSelectedAgentId()).isEqualTo("A");
        assertThat(retry.getExcludedAgents()).isEmpty();
    }

    @Test
    void nonRetryableFailureEndsTheTaskWithOneFinalDecision() {
        router.online("A");
        router.online("B");
        Assignment first = assignTo("t-1");
        router.fail(first, false, T0.plusSeconds(1));
        RoutingDecision end = router.onlyDecision();
        assertThat(end.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(end.getAttempt()).isEqualTo(1);
        assertThat(end.getRetried()).isEqualTo(1);
        assertThat(end.getReason()).isEqualTo("non-retryable failure reported by A");
        assertThat(end.getSelectedAgentId()).isNull();
        assertThat(router.assignments.isEmpty()).isTrue();
    }

    @Test
    void retriesStopAtMaxRetriesWithAFinalDecision() {
        router.online("A");
        router.online("B");
        router.taskWithRetries("t-1", 2, T0);
        router.drainDecisions();
        Assignment attempt = router.onlyAssignment();
        for (int i = 1; i <= 2; i++) {
            router.fail(attempt, true, T0.plusSeconds(i));
            assertThat(router.onlyDecision().getAttempt()).isEqualTo(i);
            attempt = router.onlyAssignment();
        }
        router.fail(attempt, true, T0.plusSeconds(3));
        RoutingDecision end = router.onlyDecision();
        assertThat(end.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(end.getAttempt()).isEqualTo(3);
        assertThat(end.getReason()).isEqualTo("retries exhausted after 3 attempts");
        assertThat(router.assignments.isEmpty()).isTrue();
    }

    @Test
    void configuredDefaultMaxRetriesAppliesWhenTheTaskNamesNone() {
        try (RouterDriver strict = new RouterDriver(Map.of("routing.max_retries", "0"))) {
            strict.online("A");
            strict.task("t-1", T0);
            strict.drainDecisions();
            strict.fail(strict.onlyAssignment(), true, T0.plusSeconds(1));
            RoutingDecision end = strict.onlyDecision();
            assertThat(end.getReason()).isEqualTo("retries exhausted after 1 attempts");
            assertThat(end.getAttempt()).isEqualTo(1);
        }
    }

    @Test
    void aRetryThatFindsNoAgentIsFinal() {
        router.online("A");
        Assignment first = assignTo("t-1");
        router.status("A", AgentStatus.OFFLINE, T0.plusSeconds(1));
        RoutingDecision end = router.onlyDecision();
        assertThat(end.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(end.getAttempt()).isEqualTo(1);
        assertThat(end.getRetried()).isEqualTo(1);
        assertThat(end.getReason()).isEqualTo("pool 'infra_pool_1' has no online agents");
        router.advanceWallClock(Duration.ofMinutes(1));
        assertThat(router.decisions.isEmpty()).isTrue();
        assertThat(first.getAttempt()).isZero();
    }

    @Test
    void silentAgentExpiresOnTheWallClockAndItsTaskIsRerouted() {
        router.close();
        router = new RouterDriver(); // default 30 min assignment timeout: only expiry can fire here
        router.online("A");
        router.online("B");
        Assignment first = assignTo("t-1");
        assertThat(first.getAgentId()).isEqualTo("A");
        router.status("B", AgentStatus.ONLINE, T0.plusSeconds(25));
        router.registry.readValuesToList();

        router.advanceWallClock(Duration.ofSeconds(31));

        var registry = router.registry.readValuesToList();
        assertThat(registry).singleElement().satisfies(a -> {
            assertThat(a.getAgentId()).isEqualTo("A");
            assertThat(a.getStatus()).isEqualTo(AgentStatus.OFFLINE);
        });
        RoutingDecision retry = router.onlyDecision();
        assertThat(retry.getAttempt()).isEqualTo(1);
        assertThat(retry.getSelectedAgentId()).isEqualTo("B");
        assertThat(retry.getCreatedAt()).isEqualTo(T0.plusSeconds(31));
        assertThat(router.performance.isEmpty()).as("expiry does not change performance").isTrue();
    }

    @Test
    void whileItsInputsAreBehindTheRouterExpiresNothingAndTimesNothingOut() {
        router.close();
        AtomicBoolean caughtUp = new AtomicBoolean(false);
        router = new RouterDriver(Map.of("routing.assignment_timeout", "PT10S"), (topic, partition, now) -> caughtUp.get() ? now : Long.MIN_VALUE);
        router.online("A");
        router.online("B");
        Assignment first = assignTo("t-1");
        router.registry.readValuesToList();
        router.advanceWallClock(Duration.ofSeconds(31)); // past the TTL and the timeout, but behind
        router.advanceWallClock(Duration.ofSeconds(31));
        assertThat(router.registry.isEmpty()).as("nobody is expired while behind").isTrue();
        assertThat(router.decisions.isEmpty()).as("nothing is re-routed while behind").isTrue();

        caughtUp.set(true);
        router.advanceWallClock(Duration.ofSeconds(1));
        assertThat(router.registry.readValuesToList()).extracting(AgentRecord::getStatus)
                .containsOnly(AgentStatus.OFFLINE).hasSize(2);
        router.advanceWallClock(Duration.ofSeconds(1));
        RoutingDecision retry = router.drainDecisions().get(0);
        assertThat(retry.getTaskId()).isEqualTo(first.getTask().getTaskId());
        assertThat(retry.getAttempt()).isEqualTo(1);
        assertThat(retry.getCreatedAt()).as("re-routed once caught up").isEqualTo(T0.plusSeconds(63));
    }

    @Test
    void aTaskThatFindsNobodyAliveWhileTheHeartbeatsAreBehindIsDecidedAtItsTimeOnceTheyAreRead() {
        router.close();
        AtomicBoolean caughtUp = new AtomicBoolean(false);
        router = new RouterDriver(Map.of(), (topic, partition, now) -> caughtUp.get() ? now : Long.MIN_VALUE);
        router.online("A");
        router.advanceWallClock(Duration.ofSeconds(45)); // behind all along
        router.task("t-1", T0.plusSeconds(40)); // A's last heartbeat read so far is 40 s old
        assertThat(router.decisions.isEmpty()).as("not rejected while the heartbeats are behind").isTrue();
        router.task("t-1", T0.plusSeconds(41));
        assertThat(RouterDriver.header(router.drainDeadLetters().get(0), DeadLetterHeaders.REASON))
                .as("a held task is still open").contains("still open");

        router.status("A", AgentStatus.ONLINE, T0.plusSeconds(35)); // the heartbeat that was on its way
        caughtUp.set(true);
        router.advanceWallClock(Duration.ofSeconds(1));
        RoutingDecision decision = router.onlyDecision();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.ASSIGNED);
        assertThat(decision.getSelectedAgentId()).isEqualTo("A");
        assertThat(decision.getCreatedAt()).as("decided at the task's own time").isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void assignmentWithoutOutcomeTimesOutAndIsRerouted() {
        router.online("A");
        router.online("B");
        Assignment first = assignTo("t-1");
        router.advanceWallClock(Duration.ofSeconds(9));
        assertThat(router.decisions.isEmpty()).isTrue();

        router.advanceWallClock(Duration.ofSeconds(2));
        RoutingDecision retry = router.onlyDecision();
        assertThat(retry.getAttempt()).isEqualTo(1);
        assertThat(retry.getSelectedAgentId()).isEqualTo("B");
        assertThat(retry.getExcludedAgents()).containsExactly(first.getAgentId());
        assertThat(router.performance.isEmpty()).as("timeouts do not change performance").isTrue();

        // the late outcome of the timed-out attempt is stale: dead-lettered, no statistics
        router.succeed(first, T0.plusSeconds(12));
        assertThat(router.drainDeadLetters()).singleElement().satisfies(d ->
                assertThat(RouterDriver.header(d, DeadLetterHeaders.REASON)).contains("stale or repeated"));
        assertThat(router.performance.isEmpty()).isTrue();
    }

    @Test
    void deregisteredAgentsTasksAreRerouted() {
        router.online("A");
        router.online("B");
        assignTo("t-1");
        router.registry.readKeyValuesToList();
        router.heartbeats.pipeInput("A", null, T0.plusSeconds(1));
        assertThat(router.registry.readKeyValuesToList()).as("the deregistration's tombstone")
                .containsExactly(KeyValue.pair("A", null));
        RoutingDecision retry = router.onlyDecision();
        assertThat(retry.getSelectedAgentId()).isEqualTo("B");
        assertThat(retry.getAttempt()).isEqualTo(1);
        router.task("t-2", T0.plusSeconds(2));
        assertThat(router.drainDecisions()).singleElement()
                .satisfies(d -> assertThat(d.getCandidates()).hasSize(1));
    }

    @Test
    void anOfflineHeartbeatStampedBeforeTheLatestIsAppliedAndKeepsTheLivenessTime() {
        router.online("A");
        router.online("B");
        Assignment first = assignTo("t-1");
        router.status("A", AgentStatus.ONLINE, T0.plusSeconds(20));
        router.registry.readValuesToList();

        // the agent's clock stepped back: its OFFLINE is stamped before its latest heartbeat
        router.status("A", AgentStatus.OFFLINE, T0.plusSeconds(5));

        assertThat(router.drainDeadLetters()).as("an older heartbeat is not bad input").isEmpty();
        assertThat(router.registry.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AgentStatus.OFFLINE);
            assertThat(a.getLastHeartbeatAt()).as("liveness does not move back").isEqualTo(T0.plusSeconds(20));
        });
        RoutingDecision retry = router.onlyDecision();
        assertThat(first.getAgentId()).isEqualTo("A");
        assertThat(retry.getAttempt()).isEqualTo(1);
        assertThat(retry.getSelectedAgentId()).isEqualTo("B");
    }

    @Test
    void successEndsTheTaskWithoutAFurtherDecision() {
        router.online("A");
        Assignment a = assignTo("t-1");
        router.succeed(a, T0.plusSeconds(1));
        router.advanceWallClock(Duration.ofSeconds(20));
        assertThat(router.decisions.isEmpty()).isTrue();
        assertThat(router.performance.readValuesToList()).singleElement()
                .satisfies(p -> assertThat(p.getSuccessCount()).isEqualTo(1));
    }
}
