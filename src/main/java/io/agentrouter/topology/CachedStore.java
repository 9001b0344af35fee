package io.agentrouter.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Write-through cache of decoded values in front of a key-value store. The pool router reads the
 * same few thousand agents and performance rows for every task; decoding them from the store's bytes
 * each time was most of the per-task cost. Safe because a stream task is the only writer of its
 * stores, and a new processor (with an empty cache) is created whenever the task moves.
 */
final class CachedStore<V> {

    private final KeyValueStore<String, V> store;
    private final Map<String, V> cache = new HashMap<>();

    CachedStore(KeyValueStore<String, V> store) {
        this.store = store;
    }

    V get(String key) {
        V value = cache.get(key);
        if (value == null && !cache.containsKey(key)) {
            value = store.get(key);
            cache.put(key, value);
        }
        return value;
    }

    void put(String key, V value) {
        store.put(key, value);
        cache.put(key, value);
    }

    V delete(String key) {
        V previous = get(key);
        store.delete(key);
        cache.remove(key);
        return previous;
    }

    KeyValueStore<String, V> store() {
        return store;
    }
}
