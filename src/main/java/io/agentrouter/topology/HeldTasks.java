package io.agentrouter.topology;

import io.agentrouter.model.internal.HeldTask;
import io.agentrouter.serde.AvroSerde;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Attempts held back because no agent was alive at their time while the heartbeats up to that time
 * had not all been read (pool-state held entries, task_id), mirrored in memory in time order.
 */
final class HeldTasks {

    private static final AvroSerde<HeldTask> FORMAT = AvroSerde.of(HeldTask.class);
    private static final Comparator<HeldTask> BY_TIME = Comparator.comparingLong(HeldTask::getAtMs)
            .thenComparing(held -> held.getTask().getTaskId());

    private final KeySpace store;
    private final Map<String, HeldTask> byTask = new HashMap<>();
    private final TreeSet<HeldTask> byTime = new TreeSet<>(BY_TIME);

    HeldTasks(KeySpace store) {
        this.store = store;
        store.forEach((taskId, value) -> index(FORMAT.decode(value)));
    }

    boolean holds(String taskId) {
        return byTask.containsKey(taskId);
    }

    void hold(HeldTask held) {
        String taskId = held.getTask().getTaskId();
        HeldTask previous = byTask.get(taskId);
        if (previous != null) {
            byTime.remove(previous);
        }
        store.put(taskId, FORMAT.encode(held));
        index(held);
    }

    /** Takes out, in time order, the attempts with a time at or before {@code heardUpTo}. */
    List<HeldTask> releaseUpTo(long heardUpTo) {
        List<HeldTask> released = new ArrayList<>();
        while (!byTime.isEmpty() && byTime.first().getAtMs() <= heardUpTo) {
            HeldTask held = byTime.pollFirst();
            byTask.remove(held.getTask().getTaskId());
            store.delete(held.getTask().getTaskId());
            released.add(held);
        }
        return released;
    }

    private void index(HeldTask held) {
        byTask.put(held.getTask().getTaskId(), held);
        byTime.add(held);
    }
}
