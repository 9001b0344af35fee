package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.contract.DeadLetterHeaders;
import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import io.agentrouter.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tasks and outcomes produced to their pool's partition reach the pool router in place, the others
 * after a trip through pool-events; both paths behave the same, down to the dead letters. (The test
 * driver reads every input from partition 0, so the partition count decides the path.)
 */
class PoolPlacementTest {

    private static final String POOL = "infra_pool_1";

    @Test
    void placementIsKafkasDefaultPartitioningOfThePoolAsKey() {
        for (int partitions : List.of(1, 2, 3, 6, 12, 64)) {
            for (String pool : List.of(POOL, "code_pool", "pool0", "pool17", "Zürich", "")) {
                assertThat(PoolPlacement.partitionOf(pool, partitions)).as(pool + " of " + partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(pool.getBytes(StandardCharsets.UTF_8),
                                partitions));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in place", "through pool-events"})
    void bothPathsRouteTrustAndDeadLetterTheOriginal(String path) {
        int partitions = path.equals("in place") ? 1 : partitionsWhereThePoolIsNotOnZero();
        try (RouterDriver router = new RouterDriver(Map.of("topics.partitions", Integer.toString(partitions)))) {
            router.online("A");
            WorkTask task = WorkTask.newBuilder().setTaskId("t-1").setWorkType("deploy_service").setPoolName(POOL)
                    .setSubmittedAt(T0).build();
            byte[] key = "t-1".getBytes(StandardCharsets.UTF_8);
            byte[] value = ((AvroSerde<WorkTask>) router.topics.tasks().valueSerde()).encode(task);

            router.rawTasks.pipeInput(key, value, T0);
            assertThat(router.onlyDecision().getSelectedAgentId()).isEqualTo("A");
            Assignment assignment = router.onlyAssignment();
            assertThat(assignment.getTask().getTaskId()).isEqualTo("t-1");

            router.rawTasks.pipeInput(key, value, T0.plusSeconds(1));
            List<TestRecord<byte[], byte[]>> letters = router.drainDeadLetters();
            assertThat(letters).hasSize(1);
            TestRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(RouterDriver.header(letter, DeadLetterHeaders.REASON)).startsWith("duplicate task_id 't-1'");
            assertThat(RouterDriver.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("tasks");
            assertThat(RouterDriver.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(letter.key()).isEqualTo(key);
            assertThat(letter.value()).isEqualTo(value);
            assertThat(router.drainDecisions()).isEmpty();

            TaskOutcome done = RouterDriver.outcome(assignment, OutcomeStatus.SUCCEEDED, false, T0);
            router.report(done, T0.plusSeconds(2));
            assertThat(router.performance.readValue().getSuccessCount()).isEqualTo(1);
            router.report(done, T0.plusSeconds(3));
            TestRecord<byte[], byte[]> repeated = router.drainDeadLetters().get(0);
            assertThat(RouterDriver.header(repeated, DeadLetterHeaders.REASON)).contains("no open assignment");
            assertThat(RouterDriver.header(repeated, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("task-outcomes");
            assertThat(RouterDriver.header(repeated, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(router.performance.isEmpty()).as("a repeated outcome counts once").isTrue();
        }
    }

    private static int partitionsWhereThePoolIsNotOnZero() {
        for (int partitions = 2; ; partitions++) {
            if (PoolPlacement.partitionOf(POOL, partitions) != 0) {
                return partitions;
            }
        }
    }
}
