package io.agentrouter.topology;

import java.time.Instant;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The task ids routed in this partition's pools within the dedup retention (event time). It lives
 * with the pool router because that is where every copy of a task arrives, whichever partition of
 * the tasks topic it was produced to.
 */
final class TaskIdHistory {

    private final WindowStore<String, Long> seen;
    private final long retentionMs;

    TaskIdHistory(WindowStore<String, Long> seen, long retentionMs) {
        this.seen = seen;
        this.retentionMs = retentionMs;
    }

    /** Remembers a new task id and returns null, or says why the id is a duplicate. */
    String firstSight(String taskId, long at) {
        // the long-millis fetch: the Instant one builds an error-message prefix on every call
        try (WindowStoreIterator<Long> earlier = seen.fetch(taskId, at - retentionMs, at + retentionMs)) {
            if (earlier.hasNext()) {
                return "duplicate task_id '" + taskId + "': already seen at "
                        + Instant.ofEpochMilli(earlier.next().value) + ", within the dedup retention";
            }
        }
        seen.put(taskId, at, at);
        return null;
    }
}
