package io.agentrouter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.DeadLetterHeaders;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.BrokerTestSupport;
import io.agentrouter.local.EmbeddedKafka;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import io.agentrouter.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 29 kinds of bad records on the three input topics of a real broker, each followed by a good task:
 * every bad one lands in the dead-letter topic with its source topic, partition, offset and a
 * readable reason; every good one is routed; the router never stops.
 */
@Tag("reliability")
class BadInputCorpusTest {

    private record Sent(String kind, String topic, int partition, long offset, String expectedReason) {
    }

    private KafkaProducer<byte[], byte[]> raw;
    private final List<Sent> sent = new ArrayList<>();
    private int goodTasks;

    @Test
    void everyBadRecordIsDeadLetteredWithItsSourceAndEveryGoodOneIsRouted() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, Map.of())) {
            RouterConfig config = BrokerTestSupport.config(kafka, Map.of("routing.work_type_pools", "w=p,hold=hold_pool"));
            Topics topics = Topics.from(config);
            KafkaStreams router = BrokerTestSupport.startRouter(config);
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers(), "max.request.size", 1_048_576),
                    Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            raw = producer;
            try (router; producer; AgentClient a = AgentClient.builder(kafka.bootstrapServers(), topics).agentId("A")
                    .pool("p").capabilities("w").heartbeatInterval(Duration.ofSeconds(2)).build()) {
                a.start(assignment -> AgentClient.Result.succeeded());
                heartbeat(topics, "H", "hold_pool", List.of("hold"), Instant.now()); // holds one task open
                BrokerTestSupport.awaitRegistered(kafka, topics, "A", "H");
                good(topics);
                task(topics, "hold-1", "hold", Instant.now());
                Assignment held = BrokerTestSupport.readUntil(kafka, topics.assignments(),
                        r -> r.stream().anyMatch(x -> x.key().equals("H")), Duration.ofSeconds(30))
                        .stream().filter(x -> x.key().equals("H")).findFirst().orElseThrow().value();
                RoutingDecision goodDecision = BrokerTestSupport.readUntil(kafka, topics.decisions(),
                                r -> r.stream().anyMatch(x -> x.value().getTaskId().equals("good-0")), Duration.ofSeconds(30))
                        .stream().filter(x -> x.value().getTaskId().equals("good-0")).findFirst().orElseThrow().value();

                sendCorpus(topics, held, goodDecision);

                List<ConsumerRecord<byte[], byte[]>> letters = BrokerTestSupport.readUntil(kafka, topics.deadLetters(),
                        r -> r.size() >= sent.size(), Duration.ofSeconds(60));
                Thread.sleep(1000);
                assertThat(letters).hasSize(sent.size());
                Map<String, ConsumerRecord<byte[], byte[]>> bySource = new LinkedHashMap<>();
                letters.forEach(l -> bySource.put(header(l, DeadLetterHeaders.SOURCE_TOPIC) + "/"
                        + header(l, DeadLetterHeaders.SOURCE_PARTITION) + "/" + header(l, DeadLetterHeaders.SOURCE_OFFSET), l));
                for (Sent bad : sent) {
                    ConsumerRecord<byte[], byte[]> letter = bySource.get(bad.topic() + "/" + bad.partition() + "/" + bad.offset());
                    assertThat(letter).as(bad.kind() + " dead-lettered with its source coordinates").isNotNull();
                    assertThat(header(letter, DeadLetterHeaders.REASON)).as(bad.kind()).contains(bad.expectedReason());
                }

                List<ConsumerRecord<String, RoutingDecision>> decisions = BrokerTestSupport.readUntil(kafka,
                        topics.decisions(), r -> r.stream().filter(d -> d.value().getTaskId().startsWith("good-")
                                && d.value().getOutcome() == DecisionOutcome.ASSIGNED).count() >= goodTasks,
                        Duration.ofSeconds(60));
                assertThat(decisions.stream().filter(d -> d.value().getTaskId().startsWith("good-")
                        && d.value().getOutcome() == DecisionOutcome.ASSIGNED).map(d -> d.value().getTaskId())
                        .distinct().count()).isEqualTo(goodTasks);
                assertThat(router.state()).isEqualTo(KafkaStreams.State.RUNNING);
                System.out.printf("bad input: %d kinds of bad records sent, %d dead-lettered with source and reason, "
                        + "%d good tasks routed, router %s%n", sent.size(), letters.size(), goodTasks, router.state());
                assertThat(sent.stream().map(Sent::kind).distinct().count()).isGreaterThanOrEqualTo(25);
            }
        }
    }

    private void sendCorpus(Topics topics, Assignment held, RoutingDecision goodDecision) throws Exception {
        String tasks = topics.tasks().name();
        String beats = topics.heartbeats().name();
        String outs = topics.outcomes().name();
        Instant now = Instant.now();
        WorkTask valid = WorkTask.newBuilder().setTaskId("t").setWorkType("w").setSubmittedAt(now).build();
        byte[] validBytes = topics.tasks().valueSerde().serializer().serialize(tasks, valid);

        bad("undecodable bytes", tasks, utf8("k"), utf8("definitely not avro"), now, "cannot decode WorkTask");
        byte[] unknown = validBytes.clone();
        unknown[5] ^= 0x5A;
        bad("unknown schema fingerprint", tasks, utf8("t"), unknown, now, "unknown schema");
        bad("truncated record", tasks, utf8("t"), Arrays.copyOf(validBytes, validBytes.length - 3), now, "cannot decode");
        bad("null key", tasks, null, taskBytes(topics, WorkTask.newBuilder(valid).setTaskId("nk").build()), now, "missing key");
        bad("null value", tasks, utf8("nv"), null, now, "missing value");
        bad("key does not match task_id", tasks, utf8("other"), validBytes, now, "does not match task_id");
        bad("empty task_id", tasks, utf8(""), taskBytes(topics, WorkTask.newBuilder(valid).setTaskId("").build()), now,
                "task_id is empty");
        bad("empty work_type", tasks, utf8("ew"), taskBytes(topics, WorkTask.newBuilder(valid).setTaskId("ew")
                .setWorkType("").build()), now, "work_type is empty");
        String longId = "x".repeat(1100);
        bad("id over 1 KiB", tasks, utf8(longId), taskBytes(topics, WorkTask.newBuilder(valid).setTaskId(longId).build()),
                now, "longer than 1024 bytes");
        bad("record over 100 KiB", tasks, utf8("big"), taskBytes(topics, WorkTask.newBuilder(valid).setTaskId("big")
                .setResourceRequirements(Map.of("blob", "y".repeat(120_000))).build()), now, "exceeds the limit");
        bad("timestamp beyond clock skew", tasks, utf8("fut"), taskBytes(topics, WorkTask.newBuilder(valid)
                .setTaskId("fut").build()), now.plus(Duration.ofHours(1)), "ahead of the router's clock");
        bad("duplicate task id", tasks, utf8("good-0"), taskBytes(topics, WorkTask.newBuilder(valid)
                .setTaskId("good-0").build()), now, "duplicate task_id");
        bad("negative max_retries", tasks, utf8("nr"), taskBytes(topics, WorkTask.newBuilder(valid).setTaskId("nr")
                .setMaxRetries(-1).build()), now, "max_retries is negative");
        bad("control character in work_type", tasks, utf8("cc"), taskBytes(topics, WorkTask.newBuilder(valid)
                .setTaskId("cc").setWorkType("w\u0000x").build()), now, "control character");
        bad("empty pool_name", tasks, utf8("ep"), taskBytes(topics, WorkTask.newBuilder(valid).setTaskId("ep")
                .setPoolName("").build()), now, "pool_name is empty");

        byte[] quantum = topics.heartbeats().valueSerde().serializer().serialize(beats, heartbeatOf("Q", "p", List.of("w")));
        quantum[9] ^= 0x33; // stands for a writer whose enum has a symbol we do not know: its fingerprint is unknown
        bad("unknown enum symbol (newer writer schema)", beats, utf8("Q"), quantum, now, "unknown schema");
        bad("heartbeat with null key", beats, null, beatBytes(topics, heartbeatOf("N", "p", List.of("w"))), now, "missing key");
        bad("tombstone for unknown agent", beats, utf8("ghost"), null, now, "unknown agent 'ghost'");
        bad("empty capability", beats, utf8("E"), beatBytes(topics, heartbeatOf("E", "p", List.of(""))), now,
                "capabilities entry is empty");
        bad("heartbeat key mismatch", beats, utf8("K"), beatBytes(topics, heartbeatOf("L", "p", List.of("w"))), now,
                "does not match agent_id");

        TaskOutcome heldOk = TaskOutcome.newBuilder().setTaskId(held.getTask().getTaskId())
                .setDecisionId(held.getDecisionId()).setAgentId("H").setPoolName("hold_pool").setWorkType("hold")
                .setStatus(OutcomeStatus.SUCCEEDED).setDurationMs(5).setFinishedAt(now).build();
        String heldKey = heldOk.getTaskId();
        bad("negative duration", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setDurationMs(-1).build()), now, "duration_ms is negative");
        bad("outcome for unknown task", outs, utf8("nope"), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setTaskId("nope").build()), now, "no open assignment for task 'nope'");
        bad("outcome from the wrong agent", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setAgentId("A").build()), now, "outcome from agent A");
        bad("outcome for a stale attempt", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setDecisionId("an-older-decision").build()), now, "stale or repeated");
        bad("outcome with mismatched work type", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setWorkType("w").build()), now, "does not match the assignment's");
        TaskOutcome repeated = TaskOutcome.newBuilder(heldOk).setTaskId("good-0")
                .setDecisionId(goodDecision.getDecisionId()).setAgentId("A").setPoolName("p").setWorkType("w").build();
        bad("repeated outcome", outs, utf8("good-0"), outcomeBytes(topics, repeated), now, "no open assignment");
        bad("SUCCEEDED marked retryable", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setRetryable(true).build()), now, "retryable is set on a SUCCEEDED outcome");
        bad("finished_at beyond clock skew", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setFinishedAt(now.plus(Duration.ofHours(2))).build()), now, "finished_at");
        bad("empty decision_id", outs, utf8(heldKey), outcomeBytes(topics, TaskOutcome.newBuilder(heldOk)
                .setDecisionId("").build()), now, "decision_id is empty");
    }

    /** Sends one bad record, remembers where it landed, then a good task. */
    private void bad(String kind, String topic, byte[] key, byte[] value, Instant at, String reason) throws Exception {
        RecordMetadata where = raw.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value)).get();
        sent.add(new Sent(kind, topic, where.partition(), where.offset(), reason));
        good(null);
    }

    private Topics topicsForGood;

    private void good(Topics topics) throws Exception {
        if (topics != null) {
            topicsForGood = topics;
        }
        String id = "good-" + goodTasks++;
        task(topicsForGood, id, "w", Instant.now());
    }

    private void task(Topics topics, String id, String workType, Instant at) throws Exception {
        WorkTask task = WorkTask.newBuilder().setTaskId(id).setWorkType(workType).setSubmittedAt(at).build();
        raw.send(new ProducerRecord<>(topics.tasks().name(), null, at.toEpochMilli(), utf8(id), taskBytes(topics, task)))
                .get();
    }

    private void heartbeat(Topics topics, String id, String pool, List<String> caps, Instant at) throws Exception {
        raw.send(new ProducerRecord<>(topics.heartbeats().name(), null, at.toEpochMilli(), utf8(id),
                beatBytes(topics, heartbeatOf(id, pool, caps)))).get();
    }

    private static Heartbeat heartbeatOf(String id, String pool, List<String> caps) {
        return Heartbeat.newBuilder().setAgentId(id).setAgentType(AgentType.CODE).setPoolName(pool)
                .setCapabilities(caps).setStatus(AgentStatus.ONLINE).build();
    }

    private static byte[] taskBytes(Topics topics, WorkTask task) {
        return ((AvroSerde<WorkTask>) topics.tasks().valueSerde()).encode(task);
    }

    private static byte[] beatBytes(Topics topics, Heartbeat hb) {
        return ((AvroSerde<Heartbeat>) topics.heartbeats().valueSerde()).encode(hb);
    }

    private static byte[] outcomeBytes(Topics topics, TaskOutcome outcome) {
        return ((AvroSerde<TaskOutcome>) topics.outcomes().valueSerde()).encode(outcome);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
