package io.agentrouter.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A topic with its key and value serdes: the one place that pairs a name with its contract. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String description) {

    public Produced<K, V> produced(String sinkName) {
        return Produced.with(keySerde, valueSerde).withName(sinkName);
    }

    /** A sink that writes another type in this topic's format (a routing result, an Emit the writer unwraps). */
    public <W> Produced<K, W> producedAs(Serde<W> writer, String sinkName) {
        return Produced.with(keySerde, writer).withName(sinkName);
    }

    public Consumed<K, V> consumed(String sourceName) {
        return Consumed.with(keySerde, valueSerde).withName(sourceName);
    }

    /** Keys decoded, values left in the topic's encoding (for a table that only keeps the latest value per key). */
    public Consumed<K, byte[]> consumedEncoded(String sourceName) {
        return Consumed.with(keySerde, Serdes.ByteArray()).withName(sourceName);
    }

    /** Input topics are read as raw bytes so that records that cannot be decoded reach the dead-letter topic intact. */
    public Consumed<byte[], byte[]> consumedRaw(String sourceName) {
        return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sourceName);
    }
}
