package io.agentrouter.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns an Avro record into the flat Connect row a JDBC sink writes: nested records become
 * {@code parent_child} columns, lists and maps become JSON text tagged {@code io.debezium.data.Json}
 * (a jsonb column), timestamp-millis becomes a Connect Timestamp (timestamptz), enums become text.
 */
final class FlatRows {

    static final String JSON_SCHEMA_NAME = "io.debezium.data.Json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FlatRows() {
    }

    static org.apache.kafka.connect.data.Schema schemaOf(Schema record) {
        SchemaBuilder row = SchemaBuilder.struct().name(record.getFullName());
        addFields(row, record, "");
        return row.build();
    }

    private static void addFields(SchemaBuilder row, Schema record, String prefix) {
        for (Schema.Field field : record.getFields()) {
            Schema type = field.schema();
            boolean optional = false;
            if (type.getType() == Schema.Type.UNION) {
                optional = type.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
                type = type.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            }
            String name = prefix + field.name();
            if (type.getType() == Schema.Type.RECORD && !optional) {
                addFields(row, type, name + "_");
                continue;
            }
            SchemaBuilder column = columnOf(type);
            if (optional) {
                column.optional();
            }
            row.field(name, column.build());
        }
    }

    private static SchemaBuilder columnOf(Schema type) {
        return switch (type.getType()) {
            case STRING, ENUM -> SchemaBuilder.string();
            case INT -> SchemaBuilder.int32();
            case LONG -> type.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? Timestamp.builder() : SchemaBuilder.int64();
            case DOUBLE -> SchemaBuilder.float64();
            case FLOAT -> SchemaBuilder.float32();
            case BOOLEAN -> SchemaBuilder.bool();
            case BYTES -> SchemaBuilder.bytes();
            case ARRAY, MAP, RECORD -> SchemaBuilder.string().name(JSON_SCHEMA_NAME);
            default -> throw new IllegalArgumentException("no column type for Avro " + type);
        };
    }

    static Struct rowOf(IndexedRecord record, org.apache.kafka.connect.data.Schema rowSchema) {
        Struct row = new Struct(rowSchema);
        fill(row, record, "");
        return row;
    }

    private static void fill(Struct row, IndexedRecord record, String prefix) {
        for (Schema.Field field : record.getSchema().getFields()) {
            String name = prefix + field.name();
            Object value = record.get(field.pos());
            if (value instanceof IndexedRecord nested && row.schema().field(name) == null) {
                fill(row, nested, name + "_");
                continue;
            }
            row.put(name, columnValue(value, row.schema().field(name).schema()));
        }
    }

    private static Object columnValue(Object value, org.apache.kafka.connect.data.Schema column) {
        if (value == null) {
            return null;
        }
        if (JSON_SCHEMA_NAME.equals(column.name())) {
            return json(value).toString();
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof CharSequence || value instanceof Enum<?>) {
            return value.toString();
        }
        return value;
    }

    private static JsonNode json(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode object = f.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), json(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(item -> array.add(json(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            map.forEach((k, v) -> object.set(k.toString(), json(v)));
            return object;
        }
        if (value instanceof Instant || value instanceof CharSequence || value instanceof Enum<?>) {
            return f.textNode(value.toString());
        }
        return MAPPER.valueToTree(value);
    }
}
