package io.agentrouter.contract;

import org.apache.kafka.common.serialization.Serde;

/** A topic with its key and value serdes: the one place that pairs a name with its contract. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String description) {
}
