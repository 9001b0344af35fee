package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.contract.DeadLetterHeaders;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.routing.DecisionRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ROUTING.md duplicates and decision ids: a task's identity is its id and the time it was first accepted. */
class TaskIdentityTest {

    private RouterDriver router = new RouterDriver(Map.of("routing.assignment_timeout", "PT10S"));

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void aTaskIdStillOpenIsADuplicateWhateverItsAge() {
        router.online("A");
        Instant eightDaysAgo = T0.minus(Duration.ofDays(8));
        router.task("t-1", eightDaysAgo); // a replay: old timestamps are accepted
        Assignment first = router.onlyAssignment();
        router.drainDecisions();

        router.task("t-1", T0); // outside the 7-day retention, but t-1 is still assigned
        assertThat(router.drainDecisions()).isEmpty();
        assertThat(router.assignments.isEmpty()).isTrue();
        assertThat(router.drainDeadLetters()).singleElement().satisfies(letter -> assertThat(
                RouterDriver.header(letter, DeadLetterHeaders.REASON)).contains("duplicate task_id 't-1': still open"));

        // the first attempt goes on as before: its outcome is accepted and no timer finds a stale deadline
        router.succeed(first, T0.plusSeconds(1));
        assertThat(router.drainDeadLetters()).isEmpty();
        assertThat(router.performance.readValuesToList()).singleElement()
                .satisfies(p -> assertThat(p.getSuccessCount()).isEqualTo(1));
        router.advanceWallClock(Duration.ofSeconds(30));
        assertThat(router.drainDecisions()).isEmpty();
        assertThat(router.drainDeadLetters()).isEmpty();
    }

    @Test
    void aTaskIdUsedAgainAfterTheRetentionGetsNewDecisionIds() {
        router.online("A");
        router.task("t-1", T0.minus(Duration.ofDays(8)));
        Assignment first = router.onlyAssignment();
        String firstId = router.onlyDecision().getDecisionId();
        router.succeed(first, T0.minus(Duration.ofDays(8)).plusSeconds(1));

        router.task("t-1", T0);
        RoutingDecision again = router.onlyDecision();
        Assignment second = router.onlyAssignment();
        assertThat(again.getOutcome()).isEqualTo(DecisionOutcome.ASSIGNED);
        assertThat(again.getAttempt()).isZero();
        assertThat(again.getDecisionId()).isNotEqualTo(firstId).isEqualTo(second.getDecisionId());

        // its retry carries the same incarnation: the id of attempt 1 of the task accepted at T0
        router.fail(second, true, T0.plusSeconds(1));
        RoutingDecision retry = router.onlyDecision();
        assertThat(retry.getAttempt()).isEqualTo(1);
        assertThat(retry.getDecisionId()).isEqualTo(DecisionRecords.decisionId("agent-router", "t-1",
                T0.toEpochMilli(), 1, DecisionRecords.RecordKind.DECISION));
        assertThat(router.drainDeadLetters()).isEmpty();
    }

    @Test
    void decisionIdsNameTheApplicationAndRepeatForTheSameInput() {
        List<String> ids = idsOf("agent-router");
        assertThat(idsOf("agent-router")).as("a re-run of the same input").isEqualTo(ids);
        List<String> other = idsOf("another-router");
        assertThat(other).hasSameSizeAs(ids).doesNotContainAnyElementsOf(ids);
    }

    private List<String> idsOf(String applicationId) {
        router.close();
        router = new RouterDriver(Map.of("kafka.application.id", applicationId));
        router.online("A");
        router.task("t-1", T0);
        router.task("t-2", "no_such_work", null, null, T0.plusSeconds(1));
        return router.drainDecisions().stream().map(RoutingDecision::getDecisionId).toList();
    }

    @Test
    void tasksWithNoPoolAreCheckedForDuplicatesToo() {
        router.task("t-1", "no_such_work", null, null, T0);
        RoutingDecision rejected = router.onlyDecision();
        assertThat(rejected.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(rejected.getReason()).isEqualTo("no pool for work type 'no_such_work'");

        router.task("t-1", "no_such_work", null, null, T0.plusSeconds(1));
        assertThat(router.drainDecisions()).as("one decision per task").isEmpty();
        assertThat(router.drainDeadLetters()).singleElement().satisfies(letter -> assertThat(
                RouterDriver.header(letter, DeadLetterHeaders.REASON)).contains("duplicate task_id 't-1'"));
    }
}
