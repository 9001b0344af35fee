package io.agentrouter.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The load count of the score: ASSIGNED decisions per agent, by decision time. Durable as one small
 * store entry per decision ({@code agent NUL time NUL decision_id}, so each changelog write is a few
 * dozen bytes whatever the rate), counted from an in-memory sorted list per agent (a binary search
 * per candidate). The list is rebuilt from the store with one prefix scan after a restore. Entries
 * older than {@code keepMs} behind an agent's newest decision are dropped from both.
 */
final class LoadIndex {

    private static final Serializer<String> KEYS = Serdes.String().serializer();
    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<String, byte[]> store;
    private final long keepMs;
    private final Map<String, Times> byAgent = new HashMap<>();

    LoadIndex(KeyValueStore<String, byte[]> store, long keepMs) {
        this.store = store;
        this.keepMs = keepMs;
    }

    /** Decisions to the agent with time in [from, to], both ends included. */
    int count(String agentId, long from, long to) {
        return times(agentId).count(from, to);
    }

    void add(String agentId, long at, String decisionId) {
        store.put(Keys.of(agentId, Keys.time(at), decisionId), EMPTY);
        Times times = times(agentId);
        times.insert(at);
        long cutoff = times.newest() - keepMs;
        if (times.dropBefore(cutoff) > 0) {
            List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> old = store.range(Keys.prefix(agentId), Keys.of(agentId, Keys.time(cutoff)))) {
                old.forEachRemaining(e -> expired.add(e.key));
            }
            expired.forEach(store::delete);
        }
    }

    private Times times(String agentId) {
        Times times = byAgent.get(agentId);
        if (times == null) {
            times = new Times();
            try (KeyValueIterator<String, byte[]> entries = store.prefixScan(Keys.prefix(agentId), KEYS)) {
                while (entries.hasNext()) {
                    String key = entries.next().key;
                    String time = key.substring(agentId.length() + 1, agentId.length() + 17);
                    times.insert(Long.parseUnsignedLong(time, 16) ^ Long.MIN_VALUE);
                }
            }
            byAgent.put(agentId, times);
        }
        return times;
    }

    /** A sorted, growable list of times with cheap removal from the head. */
    static final class Times {
        private long[] values = new long[8];
        private int head;
        private int tail;

        void insert(long t) {
            if (tail == values.length) {
                int size = tail - head;
                long[] next = size * 2 > values.length ? new long[values.length * 2] : values;
                System.arraycopy(values, head, next, 0, size);
                values = next;
                head = 0;
                tail = size;
            }
            int at = upperBound(t);
            System.arraycopy(values, at, values, at + 1, tail - at);
            values[at] = t;
            tail++;
        }

        long newest() {
            return tail == head ? Long.MIN_VALUE : values[tail - 1];
        }

        /** Drops times before the cutoff; returns how many. */
        int dropBefore(long cutoff) {
            int from = head;
            head = lowerBound(cutoff);
            return head - from;
        }

        int count(long from, long to) {
            return Math.max(0, upperBound(to) - lowerBound(from));
        }

        private int lowerBound(long t) {
            int i = Arrays.binarySearch(values, head, tail, t);
            if (i < 0) {
                return -i - 1;
            }
            while (i > head && values[i - 1] == t) {
                i--;
            }
            return i;
        }

        private int upperBound(long t) {
            int i = Arrays.binarySearch(values, head, tail, t);
            if (i < 0) {
                return -i - 1;
            }
            while (i + 1 < tail && values[i + 1] == t) {
                i++;
            }
            return i + 1;
        }
    }
}
