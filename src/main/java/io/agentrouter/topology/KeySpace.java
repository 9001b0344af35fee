package io.agentrouter.topology;

import java.util.Locale;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One kind of entry in the pool router's {@code pool-state} store, whose keys carry the kind's name as
 * a prefix. Members, the capability index, performance, open attempts, agents in transit and held attempts share one store so that a
 * transaction writes one changelog partition for them, not four: each partition a transaction
 * writes lengthens its commit (docs/PERFORMANCE.md, "Partitions per transaction").
 */
final class KeySpace {

    /** The kinds of entry, each with the prefix of its keys. */
    enum Kind {
        MEMBER, CAPABLE, PERFORMANCE, OPEN_TASK, TRANSIT, HELD;

        final String prefix = Keys.prefix(name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;
    private final String prefix;

    private KeySpace(KeyValueStore<String, byte[]> store, Kind kind) {
        this.store = store;
        this.prefix = kind.prefix;
    }

    static KeySpace of(KeyValueStore<String, byte[]> store, Kind kind) {
        return new KeySpace(store, kind);
    }

    void put(String key, byte[] value) {
        store.put(prefix + key, value);
    }

    void delete(String key) {
        store.delete(prefix + key);
    }

    /** Every entry of this kind, with the key as the caller wrote it (at init: stores are read whole once). */
    void forEach(BiConsumer<String, byte[]> action) {
        try (KeyValueIterator<String, byte[]> entries = store.prefixScan(prefix, PREFIX_SERIALIZER)) {
            entries.forEachRemaining(entry -> action.accept(entry.key.substring(prefix.length()), entry.value));
        }
    }
}
