package io.agentrouter.topology;

import io.agentrouter.contract.Topic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** How the topology reads and writes a {@link Topic}: its serdes, with the node's name. */
public final class TopicStreams {

    private TopicStreams() {
    }

    public static <K, V> Produced<K, V> produced(Topic<K, V> topic, String sinkName) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName);
    }

    /** A sink that writes another type in the topic's format (a routing result, an Emit the writer unwraps). */
    public static <K, W> Produced<K, W> producedAs(Topic<K, ?> topic, Serde<W> writer, String sinkName) {
        return Produced.with(topic.keySerde(), writer).withName(sinkName);
    }

    public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String sourceName) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName);
    }

    /** Keys decoded, values left in the topic's encoding (for a table that only keeps the latest value per key). */
    public static <K> Consumed<K, byte[]> consumedEncoded(Topic<K, ?> topic, String sourceName) {
        return Consumed.with(topic.keySerde(), Serdes.ByteArray()).withName(sourceName);
    }

    /** Input topics are read as raw bytes so that records that cannot be decoded reach the dead-letter topic intact. */
    public static Consumed<byte[], byte[]> consumedRaw(String sourceName) {
        return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sourceName);
    }
}
