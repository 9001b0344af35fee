package io.agentrouter.connect;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Connect key converter: a plain string key becomes a one-field Struct, which the JDBC sink needs to
 * delete rows on tombstones ({@code primary.key.mode=record_key}). Config: {@code key.field}.
 */
public final class StringKeyStructConverter implements Converter {

    public static final String FIELD = "key.field";

    private Schema schema;
    private String field;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object name = configs.get(FIELD);
        if (name == null) {
            throw new DataException(FIELD + " is required, e.g. agent_id");
        }
        field = name.toString();
        schema = SchemaBuilder.struct().name("key").field(field, Schema.STRING_SCHEMA).build();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new DataException("StringKeyStructConverter is for sink connectors only");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        return new SchemaAndValue(schema, new Struct(schema).put(field, new String(value, StandardCharsets.UTF_8)));
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(FIELD, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Struct field name");
    }
}
