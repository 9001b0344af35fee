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
import io.agentrouter.topology.Outputs.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of a task: validates it, resolves its pool and hands it to that pool's router (in
 * place when the task was produced to its pool's partition). A task with no pool is rejected here,
 * permanently. Duplicates are found at the pool, where the task-id history lives next to the open
 * attempts.
 */
final class TaskIntake extends Intake<WorkTask> {

    /** The name its node and its outputs carry in the topology. */
    static final String STAGE = "task-intake";
    /** What it emits: rejections decided at intake, dead letters, and tasks for their pool. */
    static final List<Kind> OUTPUTS = List.of(Kind.DECISIONS, Kind.DEAD_LETTERS, Kind.POOL_EVENTS, Kind.IN_PLACE);

    private final Map<String, String> workTypePools;
    private final Map<String, String> workTypeSpecializations;
    private final RoutingPolicy policy;

    TaskIntake(RouterConfig config, Topics topics) {
        super(config, topics.tasks().valueSerde(), STAGE);
        this.workTypePools = config.get(Setting.WORK_TYPE_POOLS);
        this.workTypeSpecializations = config.get(Setting.WORK_TYPE_SPECIALIZATIONS);
        this.policy = DecisionRecords.policyRecord(config.policy());
    }

    @Override
    protected void accept(String key, WorkTask task, Record<byte[], byte[]> record) {
        validation.checkTask(key, task);
        String pool = RoutingEngine.poolFor(task.getPoolName(), task.getWorkType(), workTypePools);
        if (pool == null) {
            String specialization = RoutingEngine.specializationFor(task.getPreferredSpecialization(),
                    task.getWorkType(), workTypeSpecializations);
            RoutingRequest request = new RoutingRequest(task.getTaskId(), task.getWorkType(), null,
                    specialization, 0, Set.of(), Instant.ofEpochMilli(record.timestamp()));
            Decision rejected = Decision.rejected(request, "no pool for work type '" + task.getWorkType() + "'");
            emit.decision(DecisionRecords.entry(rejected, policy));
            return;
        }
        toPool(pool, new RouteTask(task, pool, origin(record)), record.timestamp());
    }
}
