package io.agentrouter.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A long[] as 8 big-endian bytes per element: compact state for time lists on the hot path. */
public final class LongArraySerde implements Serde<long[]> {

    @Override
    public Serializer<long[]> serializer() {
        return (topic, values) -> {
            if (values == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
            buffer.asLongBuffer().put(values);
            return buffer.array();
        };
    }

    @Override
    public Deserializer<long[]> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            long[] values = new long[bytes.length / Long.BYTES];
            ByteBuffer.wrap(bytes).asLongBuffer().get(values);
            return values;
        };
    }
}
