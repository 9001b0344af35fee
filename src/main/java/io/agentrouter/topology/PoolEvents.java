package io.agentrouter.topology;

import io.agentrouter.model.internal.PoolEvent;
import io.agentrouter.model.internal.UndecodableEvent;
import io.agentrouter.serde.AvroSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The format of the router's own pool-events and agent-handoffs topics. Reading never fails: a record
 * that cannot be decoded becomes an {@link UndecodableEvent} that the pool router dead-letters, since
 * Kafka Streams would otherwise stop at it.
 */
final class PoolEvents {

    private static final AvroSerde<PoolEvent> AVRO = AvroSerde.of(PoolEvent.class);

    static final Serde<PoolEvent> SERDE = Serdes.serdeFrom(AVRO.serializer(), tolerant(AVRO.deserializer()));

    private PoolEvents() {
    }

    private static Deserializer<PoolEvent> tolerant(Deserializer<PoolEvent> avro) {
        return (topic, bytes) -> {
            try {
                return avro.deserialize(topic, bytes);
            } catch (SerializationException e) {
                return new PoolEvent(new UndecodableEvent(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes),
                        e.getMessage()));
            }
        };
    }
}
