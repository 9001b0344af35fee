package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.model.RoutingPolicy;
import io.agentrouter.model.WorkTask;
import io.agentrouter.model.internal.RouteTask;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.routing.RoutingEngine;
import io.agentrouter.routing.RoutingRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * First stop of a task: validates it, drops duplicates to the dead-letter topic, resolves its pool
 * and sends it to that pool's partition. A task with no pool is rejected here, permanently.
 */
final class TaskIntake extends Intake<WorkTask> {

    private final Map<String, String> workTypePools;
    private final Map<String, String> workTypeSpecializations;
    private final long dedupRetentionMs;
    private final RoutingPolicy policy;
    private WindowStore<String, Long> seen;

    TaskIntake(RouterConfig config, Topics topics) {
        super(config, topics.tasks().valueSerde());
        this.workTypePools = config.get(Setting.WORK_TYPE_POOLS);
        this.workTypeSpecializations = config.get(Setting.WORK_TYPE_SPECIALIZATIONS);
        this.dedupRetentionMs = config.get(Setting.TASK_DEDUP_RETENTION).toMillis();
        this.policy = DecisionRecords.policyRecord(config.policy());
    }

    @Override
    protected void open(ProcessorContext<String, Emit> context) {
        this.seen = context.getStateStore(RouterStores.TASK_DEDUP);
    }

    @Override
    protected void accept(String key, WorkTask task, Record<byte[], byte[]> record) {
        validation.checkTask(key, task);
        rejectDuplicate(task.getTaskId(), record.timestamp());
        seen.put(task.getTaskId(), record.timestamp(), record.timestamp());

        String pool = RoutingEngine.poolFor(task.getPoolName(), task.getWorkType(), workTypePools);
        if (pool == null) {
            String specialization = RoutingEngine.specializationFor(task.getPreferredSpecialization(),
                    task.getWorkType(), workTypeSpecializations);
            RoutingRequest request = new RoutingRequest(task.getTaskId(), task.getWorkType(), null,
                    specialization, 0, Set.of(), Instant.ofEpochMilli(record.timestamp()));
            Decision rejected = Decision.rejected(request, "no pool for work type '" + task.getWorkType() + "'");
            emit.decision(DecisionRecords.toRecord(rejected, policy));
            return;
        }
        emit.pool(pool, new RouteTask(task, pool), record.timestamp());
    }

    private void rejectDuplicate(String taskId, long timestamp) {
        try (WindowStoreIterator<Long> earlier = seen.fetch(taskId, Instant.ofEpochMilli(timestamp - dedupRetentionMs),
                Instant.ofEpochMilli(timestamp + dedupRetentionMs))) {
            if (earlier.hasNext()) {
                throw new InvalidRecordException("duplicate task_id '" + taskId + "': already seen at "
                        + Instant.ofEpochMilli(earlier.next().value) + ", within the dedup retention");
            }
        }
    }
}
