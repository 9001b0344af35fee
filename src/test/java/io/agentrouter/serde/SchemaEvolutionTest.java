package io.agentrouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import io.agentrouter.model.internal.AgentRemoved;
import io.agentrouter.model.internal.PoolEvent;
import io.agentrouter.model.internal.RouteTask;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Single-object encoding round trips, and records written with an earlier schema version stay readable. */
class SchemaEvolutionTest {

    /** The schema as it was before its optional fields (those with a default) were added. */
    private static Schema withoutOptionalFields(Schema current) {
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.hasDefaultValue()) {
                kept.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, kept);
    }

    private static byte[] encode(Schema writer, GenericRecord record) throws IOException {
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record).array();
    }

    @Test
    void roundTripsEveryContract() {
        WorkTask task = WorkTask.newBuilder().setTaskId("t").setWorkType("w").setSubmittedAt(Instant.EPOCH)
                .setResourceRequirements(Map.of("cpu", "2")).build();
        AvroSerde<WorkTask> serde = AvroSerde.of(WorkTask.class);
        byte[] bytes = serde.encode(task);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3); // single-object marker
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.decode(bytes)).isEqualTo(task);
    }

    @Test
    void writesExactlyWhatAvrosSingleObjectEncoderWrites() throws IOException {
        WorkTask task = WorkTask.newBuilder().setTaskId("t-\u00e9").setWorkType("w").setSubmittedAt(Instant.EPOCH)
                .setPoolName("p").setResourceRequirements(Map.of("cpu", "2")).setMaxRetries(4).build();
        byte[] avros = new BinaryMessageEncoder<WorkTask>(
                org.apache.avro.specific.SpecificData.get(), WorkTask.getClassSchema()).encode(task).array();
        AvroSerde<WorkTask> serde = AvroSerde.of(WorkTask.class);
        assertThat(serde.encode(task)).isEqualTo(avros);
        assertThat(serde.encode(task)).as("the reused buffer starts clean").isEqualTo(avros);
    }

    @Test
    void readsRecordsWrittenBeforeAnOptionalFieldWasAdded() throws IOException {
        for (Class<? extends SpecificRecord> type : List.of(WorkTask.class, Heartbeat.class, TaskOutcome.class,
                RoutingDecision.class)) {
            readsOlderVersion(type);
        }
    }

    private <T extends SpecificRecord> void readsOlderVersion(Class<T> type) throws IOException {
        Schema current = org.apache.avro.specific.SpecificData.get().getSchema(type);
        Schema earlier = withoutOptionalFields(current);
        assertThat(earlier.getFields().size()).as(type.getSimpleName() + " has optional fields")
                .isLessThan(current.getFields().size());
        GenericRecord old = new GenericData.Record(earlier);
        for (Schema.Field f : earlier.getFields()) {
            old.put(f.name(), sample(f.schema()));
        }
        byte[] bytes = encode(earlier, old);

        assertThatThrownBy(() -> AvroSerde.of(type).decode(bytes))
                .as("without the earlier version the fingerprint is unknown")
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema");

        T decoded = AvroSerde.withEarlierVersions(type, List.of(earlier)).decode(bytes);
        for (Schema.Field f : current.getFields()) {
            if (f.hasDefaultValue()) {
                Object value = decoded.get(f.pos());
                Object expected = org.apache.avro.specific.SpecificData.get().getDefaultValue(f);
                assertThat(value).as(type.getSimpleName() + "." + f.name()).isEqualTo(expected);
            }
        }
    }

    private static Object sample(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> "x";
            case LONG -> 1L;
            case INT -> 1;
            case DOUBLE -> 1.0;
            case BOOLEAN -> true;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case ARRAY -> new GenericData.Array<>(schema, List.of());
            case MAP -> Map.of();
            case RECORD -> {
                GenericRecord r = new GenericData.Record(schema);
                schema.getFields().forEach(f -> r.put(f.name(), sample(f.schema())));
                yield r;
            }
            case UNION -> sample(schema.getTypes().get(schema.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0));
            default -> throw new IllegalArgumentException(schema.toString());
        };
    }

    @Test
    void readsPoolEventsWrittenWithTheShippedV1() throws IOException {
        List<Schema> shipped = SchemaHistory.earlierVersionsOf(PoolEvent.class);
        assertThat(shipped).as("PoolEvent v1 and v2 are listed in schemas/history/INDEX").hasSize(2);
        Schema v1 = shipped.get(0);
        Schema routeTaskV1 = v1.getField("payload").schema().getTypes().get(0);
        GenericRecord route = new GenericData.Record(routeTaskV1);
        route.put("task", sample(routeTaskV1.getField("task").schema()));
        route.put("pool_name", "pool-a");
        GenericRecord event = new GenericData.Record(v1);
        event.put("payload", route);

        RouteTask decoded = (RouteTask) AvroSerde.of(PoolEvent.class).decode(encode(v1, event)).getPayload();
        assertThat(decoded.getPoolName()).isEqualTo("pool-a");
        assertThat(decoded.getOrigin()).as("v1 had no origin").isNull();
    }

    @Test
    void readsAgentRemovalsWrittenWithTheShippedV2AsMembershipsThatHandNothingOver() throws IOException {
        Schema v2 = SchemaHistory.earlierVersionsOf(PoolEvent.class).get(1);
        Schema removedV2 = v2.getField("payload").schema().getTypes().stream()
                .filter(t -> t.getName().equals("AgentRemoved")).findFirst().orElseThrow();
        GenericRecord removed = new GenericData.Record(removedV2);
        removed.put("agent_id", "a");
        removed.put("reason", "agent a deregistered");
        GenericRecord event = new GenericData.Record(v2);
        event.put("payload", removed);

        AgentRemoved decoded = (AgentRemoved) AvroSerde.of(PoolEvent.class).decode(encode(v2, event)).getPayload();
        assertThat(decoded.getAgentId()).isEqualTo("a");
        assertThat(decoded.getEpoch()).as("v2 had no memberships").isEqualTo(-1L);
        assertThat(decoded.getNextPool()).isNull();
    }

    @Test
    void historyIndexListsOnlyExistingFiles() {
        for (String file : SchemaHistory.indexedFiles()) {
            assertThat(SchemaHistory.class.getResource("/schemas/history/" + file)).as(file).isNotNull();
        }
    }
}
