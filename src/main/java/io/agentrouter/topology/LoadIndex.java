package io.agentrouter.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import io.agentrouter.model.internal.LoadCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The load count of the score: ASSIGNED decisions per agent, by decision time. ROUTING.md keeps each
 * agent's decisions for two load windows behind that agent's newest one, so the durable copy keeps
 * exactly those: one entry per agent and decision time holding how many decisions it had then
 * (agent_id NUL big-endian time -> count), deleted when it falls behind, so what a restore reads back
 * is what the live index holds. Counted from an in-memory sorted list per agent (a few comparisons
 * per candidate, a binary search at worst), read back from the store the first time an agent is
 * asked about after a restore.
 */
final class LoadIndex {

    private final KeyValueStore<Bytes, byte[]> store;
    private final long keepMs;
    private final Map<String, Times> byAgent = new HashMap<>();

    LoadIndex(KeyValueStore<Bytes, byte[]> store, long keepMs) {
        this.store = store;
        this.keepMs = keepMs;
    }

    /** Decisions to the agent with time in [from, to], both ends included. */
    int count(String agentId, long from, long to) {
        return times(agentId).count(from, to);
    }

    void add(String agentId, long at) {
        Times times = times(agentId); // read back before the put, or the new entry would count twice
        times.insert(at);
        store.put(key(agentId, at), count(times.countAt(at)));
        long cutoff = times.newest() - keepMs;
        if (times.oldest() < cutoff) {
            times.dropBefore(cutoff, dropped -> store.delete(key(agentId, dropped)));
        }
    }

    /** The agent's kept decisions, one count per decision time in time order (for its hand-off to another pool). */
    List<LoadCount> countsOf(String agentId) {
        List<LoadCount> counts = new ArrayList<>();
        times(agentId).forEachDistinct((at, n) -> counts.add(new LoadCount(at, n)));
        return counts;
    }

    /** Drops the agent's decisions: it left for a pool that now holds them. */
    void forget(String agentId) {
        Times times = times(agentId);
        times.forEachDistinct((at, n) -> store.delete(key(agentId, at)));
        times.clear();
    }

    /** Replaces the agent's decisions with those handed over by the pool it came from. */
    void restore(String agentId, List<LoadCount> counts) {
        forget(agentId);
        Times times = times(agentId);
        for (LoadCount count : counts) {
            for (int n = count.getCount(); n > 0; n--) {
                times.insert(count.getAtMs());
            }
            store.put(key(agentId, count.getAtMs()), count(count.getCount()));
        }
    }

    /** The agent's decision times, the same object for as long as this index lives. */
    Times times(String agentId) {
        Times times = byAgent.get(agentId);
        if (times == null) {
            times = new Times();
            try (KeyValueIterator<Bytes, byte[]> entries = store.range(key(agentId, Long.MIN_VALUE),
                    key(agentId, Long.MAX_VALUE))) {
                while (entries.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = entries.next();
                    long at = timeOf(entry.key);
                    for (int n = ByteBuffer.wrap(entry.value).getInt(); n > 0; n--) {
                        times.insert(at);
                    }
                }
            }
            byAgent.put(agentId, times);
        }
        return times;
    }

    /** agent_id NUL time, with the time's sign bit flipped so that byte order is time order. */
    static Bytes key(String agentId, long at) {
        byte[] agent = agentId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(agent.length + 1 + Long.BYTES).put(agent).put((byte) 0)
                .putLong(at ^ Long.MIN_VALUE).array());
    }

    private static long timeOf(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    private static byte[] count(int n) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
    }

    /** A sorted, growable list of times with cheap removal from the head. */
    static final class Times {
        /** Steps a count walks from the last window's start before it falls back to a binary search. */
        private static final int WALK = 8;

        private long[] values = new long[8];
        private int head;
        private int tail;
        private int finger; // where the last count's window started: the next one starts there or a little later

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

        long oldest() {
            return tail == head ? Long.MAX_VALUE : values[head];
        }

        void clear() {
            head = 0;
            tail = 0;
            finger = 0;
        }

        /** Each distinct time with how many decisions it holds, in time order. */
        void forEachDistinct(java.util.function.BiConsumer<Long, Integer> action) {
            int i = head;
            while (i < tail) {
                int end = i + 1;
                while (end < tail && values[end] == values[i]) {
                    end++;
                }
                action.accept(values[i], end - i);
                i = end;
            }
        }

        /** Drops times before the cutoff. */
        void dropBefore(long cutoff) {
            head = lowerBound(cutoff);
        }

        /** Drops times before the cutoff, telling {@code dropped} each distinct time that left. */
        void dropBefore(long cutoff, java.util.function.LongConsumer dropped) {
            int end = lowerBound(cutoff);
            for (int i = head; i < end; i++) {
                if (i == head || values[i] != values[i - 1]) {
                    dropped.accept(values[i]);
                }
            }
            head = end;
        }

        /** How many times equal {@code t}. */
        int countAt(long t) {
            return upperBound(t) - lowerBound(t);
        }

        int count(long from, long to) {
            return Math.max(0, upperBound(to) - lowerBoundFromFinger(from));
        }

        /**
         * The lower bound, found by walking a few steps on from the previous count's: task times move
         * forward, so a window's start is nearly always at or just after the last one, and checking two
         * neighbouring times costs less than a binary search that misses the cache at each step.
         * Anything else (a task earlier than the last, a long jump) falls back to the search.
         */
        private int lowerBoundFromFinger(long t) {
            if (head == tail || values[head] >= t) {
                return head;
            }
            int i = Math.min(Math.max(finger, head + 1), tail); // values[head] < t: the bound is after head
            if (values[i - 1] < t) {
                for (int steps = 0; steps < WALK && i < tail && values[i] < t; steps++) {
                    i++;
                }
                if (i == tail || values[i] >= t) {
                    finger = i;
                    return i;
                }
            }
            finger = lowerBound(t);
            return finger;
        }

        // Both bounds first check the ends. A count's window ends at the task's time and a decision is
        // inserted after the others, so the upper bound is nearly always the tail; the lower bound is
        // the head only while the agent's kept times (two load windows) fit in one window, e.g. in its
        // first hour of decisions, else the finger above or the binary search below finds it.
        private int lowerBound(long t) {
            if (head == tail || values[head] >= t) {
                return head;
            }
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
            if (head == tail || values[tail - 1] <= t) {
                return tail;
            }
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
