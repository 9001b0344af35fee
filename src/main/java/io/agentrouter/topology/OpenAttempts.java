package io.agentrouter.topology;

import io.agentrouter.model.internal.OpenTask;
import io.agentrouter.serde.AvroSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The current attempt of every assigned, unfinished task of one stream task. Durable as the
 * pool-state store's open-task entries (task_id); read from memory, where it is mirrored with two
 * indexes (by deadline, by agent) rebuilt from the store at init: every outcome reads its attempt,
 * and decoding it from the store each time cost more than keeping it.
 */
final class OpenAttempts {

    private static final AvroSerde<OpenTask> FORMAT = AvroSerde.of(OpenTask.class);

    private final KeySpace store;
    private final Map<String, OpenTask> byTask = new HashMap<>();
    private final TreeSet<Deadline> deadlines = new TreeSet<>();
    private final Map<String, Set<String>> tasksByAgent = new HashMap<>();

    /** Orders attempts by deadline, then task id. */
    private record Deadline(long at, String taskId) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : taskId.compareTo(other.taskId);
        }
    }

    OpenAttempts(KeySpace store) {
        this.store = store;
        store.forEach((taskId, value) -> index(FORMAT.decode(value)));
    }

    OpenTask get(String taskId) {
        return byTask.get(taskId);
    }

    /** Opens the task's current attempt, replacing (and unindexing) any attempt it had open. */
    void open(OpenTask open) {
        OpenTask previous = byTask.get(taskId(open));
        if (previous != null) {
            unindex(previous);
        }
        store.put(taskId(open), FORMAT.encode(open));
        index(open);
    }

    void close(OpenTask open) {
        store.delete(taskId(open));
        unindex(open);
    }

    private void unindex(OpenTask open) {
        String taskId = taskId(open);
        byTask.remove(taskId);
        deadlines.remove(new Deadline(open.getDeadlineMs(), taskId));
        Set<String> held = tasksByAgent.get(open.getAgentId());
        if (held != null) {
            held.remove(taskId);
            if (held.isEmpty()) {
                tasksByAgent.remove(open.getAgentId());
            }
        }
    }

    /** The attempts the agent holds (a copy: the caller closes them). */
    List<OpenTask> heldBy(String agentId) {
        List<OpenTask> held = new ArrayList<>();
        for (String taskId : tasksByAgent.getOrDefault(agentId, Set.of())) {
            held.add(byTask.get(taskId));
        }
        return held;
    }

    /** The attempts whose deadline is at or before {@code now} (a copy: the caller closes them). */
    List<OpenTask> dueBy(long now) {
        List<OpenTask> due = new ArrayList<>();
        for (Deadline deadline : deadlines.headSet(new Deadline(now + 1, ""), false)) {
            due.add(byTask.get(deadline.taskId()));
        }
        return due;
    }

    private void index(OpenTask open) {
        String taskId = taskId(open);
        byTask.put(taskId, open);
        deadlines.add(new Deadline(open.getDeadlineMs(), taskId));
        tasksByAgent.computeIfAbsent(open.getAgentId(), a -> new HashSet<>()).add(taskId);
    }

    private static String taskId(OpenTask open) {
        return open.getTask().getTaskId();
    }
}
