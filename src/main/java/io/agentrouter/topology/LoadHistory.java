package io.agentrouter.topology;

import java.util.Arrays;

/** An agent's ASSIGNED decision times, sorted, as stored in the pool-load store. */
final class LoadHistory {

    private LoadHistory() {
    }

    /** Decisions with time in [from, to], both ends included. */
    static int count(long[] times, long from, long to) {
        if (times == null) {
            return 0;
        }
        return Math.max(0, upperBound(times, to) - lowerBound(times, from));
    }

    /**
     * Adds a decision time and drops those older than {@code keepMs} behind the newest, so the
     * value stays small; a task that far behind the newest decision sees only what was kept.
     */
    static long[] add(long[] times, long at, long keepMs) {
        long[] base = times == null ? new long[0] : times;
        long newest = base.length == 0 ? at : Math.max(at, base[base.length - 1]);
        long cutoff = newest - keepMs;
        int keepFrom = lowerBound(base, cutoff);
        if (at < cutoff) {
            return Arrays.copyOfRange(base, keepFrom, base.length);
        }
        int insertAt = upperBound(base, at);
        long[] next = new long[base.length - keepFrom + 1];
        System.arraycopy(base, keepFrom, next, 0, insertAt - keepFrom);
        next[insertAt - keepFrom] = at;
        System.arraycopy(base, insertAt, next, insertAt - keepFrom + 1, base.length - insertAt);
        return next;
    }

    /** First index whose value is >= t. */
    private static int lowerBound(long[] a, long t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose value is > t. */
    private static int upperBound(long[] a, long t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
