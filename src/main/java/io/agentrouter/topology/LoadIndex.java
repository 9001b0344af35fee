package io.agentrouter.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The load count of the score: ASSIGNED decisions per agent, by decision time. Durable as one small
 * entry per decision in a window store (agent_id at decision time -> decision_id, duplicates kept),
 * whose old segments drop whole, so expiry writes nothing; counted from an in-memory sorted list per
 * agent (a few comparisons per candidate, a binary search at worst), read back from the store the
 * first time an agent is asked about after a restore. Times older than {@code keepMs} behind an
 * agent's newest decision leave the list.
 */
final class LoadIndex {

    private final WindowStore<String, byte[]> store;
    private final long keepMs;
    private final Map<String, Times> byAgent = new HashMap<>();

    LoadIndex(WindowStore<String, byte[]> store, long keepMs) {
        this.store = store;
        this.keepMs = keepMs;
    }

    /** Decisions to the agent with time in [from, to], both ends included. */
    int count(String agentId, long from, long to) {
        return times(agentId).count(from, to);
    }

    void add(String agentId, long at, String decisionId) {
        Times times = times(agentId); // read back before the put, or the new entry would count twice
        store.put(agentId, decisionId.getBytes(StandardCharsets.UTF_8), at);
        times.insert(at);
        times.dropBefore(times.newest() - keepMs);
    }

    /** The agent's decision times, the same object for as long as this index lives. */
    Times times(String agentId) {
        Times times = byAgent.get(agentId);
        if (times == null) {
            times = new Times();
            try (WindowStoreIterator<byte[]> entries = store.fetch(agentId, 0L, Long.MAX_VALUE)) {
                while (entries.hasNext()) {
                    times.insert(entries.next().key);
                }
            }
            byAgent.put(agentId, times);
        }
        return times;
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

        /** Drops times before the cutoff. */
        void dropBefore(long cutoff) {
            head = lowerBound(cutoff);
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
