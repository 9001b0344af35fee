package io.agentrouter.connect;

import io.agentrouter.serde.AvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Connect value converter for the router's topics: decodes Avro single-object encoded records with
 * the project's schemas (no registry needed) and hands the sink a flat row (see {@link FlatRows}).
 * Sink-only. Config: {@code avro.record.class}, e.g. {@code io.agentrouter.model.RoutingDecision}.
 */
public final class AvroRowConverter implements Converter {

    public static final String RECORD_CLASS = "avro.record.class";

    private AvroSerde<? extends SpecificRecord> serde;
    private Schema rowSchema;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object className = configs.get(RECORD_CLASS);
        if (className == null) {
            throw new DataException(RECORD_CLASS + " is required, e.g. io.agentrouter.model.RoutingDecision");
        }
        try {
            Class<? extends SpecificRecord> type =
                    Class.forName(className.toString(), true, AvroRowConverter.class.getClassLoader())
                            .asSubclass(SpecificRecord.class);
            serde = AvroSerde.of(type);
            rowSchema = FlatRows.schemaOf(org.apache.avro.specific.SpecificData.get().getSchema(type));
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new DataException(RECORD_CLASS + ": '" + className + "' is not a record class of agent-router");
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new DataException("AvroRowConverter is for sink connectors only");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return new SchemaAndValue(rowSchema, null);
        }
        SpecificRecord record = serde.decode(value);
        return new SchemaAndValue(rowSchema, FlatRows.rowOf(record, rowSchema));
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(RECORD_CLASS, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                "Generated Avro class of the topic's values");
    }
}
