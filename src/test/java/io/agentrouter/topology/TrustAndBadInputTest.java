package io.agentrouter.topology;

import static io.agentrouter.topology.RouterDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.contract.DeadLetterHeaders;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ROUTING.md "Trust" and "Bad input": nothing bad stops the router or changes statistics, nothing is lost. */
class TrustAndBadInputTest {

    private final RouterDriver router = new RouterDriver();

    @AfterEach
    void close() {
        router.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String onlyReason() {
        List<TestRecord<byte[], byte[]>> letters = router.drainDeadLetters();
        assertThat(letters).hasSize(1);
        return RouterDriver.header(letters.get(0), DeadLetterHeaders.REASON);
    }

    private Assignment assigned() {
        router.online("A");
        router.online("B");
        router.task("t-1", T0);
        router.drainDecisions();
        return router.onlyAssignment();
    }

    private void assertNothingChanged() {
        assertThat(router.performance.isEmpty()).as("performance unchanged").isTrue();
        assertThat(router.decisions.isEmpty()).as("no decision").isTrue();
    }

    @Test
    void untrustedOutcomesChangeNothingAndAreDeadLettered() {
        Assignment a = assigned();
        TaskOutcome good = RouterDriver.outcome(a, OutcomeStatus.SUCCEEDED, false, T0);

        TaskOutcome unknownTask = TaskOutcome.newBuilder(good).setTaskId("nope").build();
        router.outcomes.pipeInput("nope", unknownTask, T0);
        assertThat(onlyReason()).contains("no open assignment for task 'nope'");

        router.report(TaskOutcome.newBuilder(good).setAgentId("B").build(), T0);
        assertThat(onlyReason()).contains("outcome from agent B but attempt 0 of task 't-1' is assigned to agent A");

        router.report(TaskOutcome.newBuilder(good).setDecisionId("forged").build(), T0);
        assertThat(onlyReason()).contains("stale or repeated");

        router.report(TaskOutcome.newBuilder(good).setWorkType("restart_service").build(), T0);
        assertThat(onlyReason()).contains("work type 'restart_service' does not match");

        router.report(TaskOutcome.newBuilder(good).setPoolName("other_pool").build(), T0);
        assertThat(onlyReason()).contains("in pool 'other_pool'");
        assertNothingChanged();

        router.report(good, T0);
        assertThat(router.performance.readValuesToList()).hasSize(1);
        router.report(good, T0.plusSeconds(1));
        assertThat(onlyReason()).as("a repeated outcome never counts twice").contains("no open assignment");
        assertNothingChanged();
    }

    @Test
    void undecodableRecordsOnEveryInputTopicAreDeadLetteredWithTheirSourceAndTheNextGoodRecordIsRouted() {
        router.rawHeartbeats.pipeInput(utf8("A"), utf8("not avro"), T0);
        router.rawTasks.pipeInput(utf8("t-x"), new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9}, T0);
        router.rawOutcomes.pipeInput(utf8("t-y"), new byte[0], T0);
        List<TestRecord<byte[], byte[]>> letters = router.drainDeadLetters();
        assertThat(letters).hasSize(3);
        assertThat(letters).extracting(r -> RouterDriver.header(r, DeadLetterHeaders.SOURCE_TOPIC))
                .containsExactly("agent-heartbeats", "tasks", "task-outcomes");
        assertThat(letters).allSatisfy(r -> {
            assertThat(RouterDriver.header(r, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(RouterDriver.header(r, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(RouterDriver.header(r, DeadLetterHeaders.REASON)).startsWith("cannot decode");
        });
        assertThat(RouterDriver.header(letters.get(1), DeadLetterHeaders.REASON)).contains("unknown schema");
        assertThat(letters.get(0).value()).isEqualTo(utf8("not avro"));
        assertThat(letters.get(0).key()).isEqualTo(utf8("A"));

        router.online("A");
        router.task("t-1", T0);
        assertThat(router.onlyDecision().getSelectedAgentId()).isEqualTo("A");
    }

    @Test
    void rulesOfBadInputAreEnforced() {
        router.online("A");
        router.tasks.pipeInput((String) null, task("t-1"), T0);
        assertThat(onlyReason()).isEqualTo("missing key");

        router.tasks.pipeInput("t-2", null, T0);
        assertThat(onlyReason()).startsWith("missing value");

        router.tasks.pipeInput("other", task("t-3"), T0);
        assertThat(onlyReason()).isEqualTo("key 'other' does not match task_id 't-3'");

        router.tasks.pipeInput("t-4", WorkTask.newBuilder(task("t-4")).setWorkType("").build(), T0);
        assertThat(onlyReason()).isEqualTo("work_type is empty");

        String longId = "x".repeat(1025);
        router.tasks.pipeInput(longId, task(longId), T0);
        assertThat(onlyReason()).isEqualTo("task_id is longer than 1024 bytes");
        // the limit is in UTF-8 bytes: 3-byte characters and 4-byte surrogate pairs count as such
        String euros = "\u20ac".repeat(341) + "x"; // 1,024 bytes
        String smileys = "\ud83d\ude00".repeat(256); // 1,024 bytes
        for (String atLimit : List.of(euros, smileys)) {
            router.tasks.pipeInput(atLimit, task(atLimit), T0);
            assertThat(router.drainDeadLetters()).isEmpty();
            router.tasks.pipeInput(atLimit + "x", task(atLimit + "x"), T0);
            assertThat(onlyReason()).isEqualTo("task_id is longer than 1024 bytes");
        }
        assertThat(router.drainDecisions()).extracting(d -> d.getTaskId()).containsExactly(euros, smileys);

        router.tasks.pipeInput("t-5", WorkTask.newBuilder(task("t-5"))
                .setResourceRequirements(java.util.Map.of("blob", "y".repeat(110_000))).build(), T0);
        assertThat(onlyReason()).startsWith("record of ").endsWith("exceeds the limit of 102400");

        router.tasks.pipeInput("t-6", task("t-6"), T0.plus(Duration.ofMinutes(6)));
        assertThat(onlyReason()).contains("ahead of the router's clock");

        router.tasks.pipeInput("t-7", task("t-7"), T0.minus(Duration.ofDays(1)));
        assertThat(router.drainDeadLetters()).as("old timestamps are accepted (replays)").isEmpty();

        router.tasks.pipeInput("t-7", task("t-7"), T0);
        assertThat(onlyReason()).startsWith("duplicate task_id 't-7'");
        assertThat(router.drainDecisions()).extracting(d -> d.getTaskId()).containsExactly("t-7");

        TaskOutcome negative = TaskOutcome.newBuilder().setTaskId("t-7").setDecisionId("d").setAgentId("A")
                .setPoolName("infra_pool_1").setWorkType("deploy_service").setStatus(OutcomeStatus.FAILED)
                .setDurationMs(-5).setFinishedAt(T0).build();
        router.report(negative, T0);
        assertThat(onlyReason()).isEqualTo("duration_ms is negative (-5)");

        router.tasks.pipeInput("t-8", WorkTask.newBuilder(task("t-8")).setWorkType("deploy\u0000service").build(), T0);
        assertThat(onlyReason()).isEqualTo("work_type contains a control character");

        router.heartbeats.pipeInput("ghost", null, T0);
        assertThat(onlyReason()).isEqualTo("deregistration (tombstone) of unknown agent 'ghost'");

        router.task("t-9", T0);
        assertThat(router.onlyDecision().getSelectedAgentId()).isEqualTo("A");
    }

    @Test
    void unknownEnumSymbolIsDeadLettered() {
        // a writer schema whose enum has a symbol the router does not know
        String schema = io.agentrouter.model.Heartbeat.getClassSchema().toString()
                .replace("\"DESKTOP\"]", "\"DESKTOP\",\"QUANTUM\"]");
        org.apache.avro.Schema writer = new org.apache.avro.Schema.Parser().parse(schema);
        org.apache.avro.generic.GenericRecord hb = new org.apache.avro.generic.GenericData.Record(writer);
        hb.put("agent_id", "Q");
        hb.put("agent_type", new org.apache.avro.generic.GenericData.EnumSymbol(writer.getField("agent_type").schema(),
                "QUANTUM"));
        hb.put("pool_name", "infra_pool_1");
        hb.put("capabilities", List.of("deploy_service"));
        hb.put("specializations", List.of());
        hb.put("status", new org.apache.avro.generic.GenericData.EnumSymbol(writer.getField("status").schema(),
                "ONLINE"));
        byte[] bytes;
        try {
            bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                    org.apache.avro.generic.GenericData.get(), writer).encode(hb).array();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        router.rawHeartbeats.pipeInput(utf8("Q"), bytes, T0);
        assertThat(onlyReason()).startsWith("cannot decode Heartbeat").contains("unknown schema");
    }

    private static WorkTask task(String id) {
        return WorkTask.newBuilder().setTaskId(id).setWorkType("deploy_service").setPoolName("infra_pool_1")
                .setSubmittedAt(T0).build();
    }

    @Test
    void aRecordOnTheRoutersOwnTopicsThatCannotBeDecodedIsDeadLetteredAndRoutingGoesOn() {
        router.online("A");
        for (String topic : List.of(InternalTopics.poolEventsName(router.config),
                InternalTopics.handOffs(router.config).name())) {
            router.driver.createInputTopic(topic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput(utf8("infra_pool_1"), utf8("not avro"), T0);
            List<TestRecord<byte[], byte[]>> letters = router.drainDeadLetters();
            assertThat(letters).as(topic).hasSize(1);
            assertThat(RouterDriver.header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(RouterDriver.header(letters.get(0), DeadLetterHeaders.REASON))
                    .startsWith("cannot decode a record of " + topic);
            assertThat(letters.get(0).value()).isEqualTo(utf8("not avro"));
            assertThat(letters.get(0).key()).isEqualTo(utf8("infra_pool_1"));
        }
        router.task("t-1", T0.plusMillis(1));
        assertThat(router.onlyAssignment().getAgentId()).as("the router goes on").isEqualTo("A");
    }
}
