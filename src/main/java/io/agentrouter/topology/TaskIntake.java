package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.WorkTask;
import io.agentrouter.model.internal.RouteTask;
import io.agentrouter.routing.RoutingEngine;
import io.agentrouter.topology.Outputs.Kind;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of a task: validates it, resolves its pool and hands it to that pool's router (in
 * place when the task was produced to its pool's partition). A task with no pool goes to the router
 * of {@link #NO_POOL}, which checks its id for duplicates like any other and rejects it.
 */
final class TaskIntake extends Intake<WorkTask> {

    /** The name its node and its outputs carry in the topology. */
    static final String STAGE = "task-intake";
    /** What it emits: dead letters, and tasks for their pool. */
    static final List<Kind> OUTPUTS = List.of(Kind.DEAD_LETTERS, Kind.POOL_EVENTS, Kind.IN_PLACE);
    /** The pool-events key of tasks with no pool: no pool can have it, since an empty pool name is bad input. */
    static final String NO_POOL = "";

    private final Map<String, String> workTypePools;

    TaskIntake(RouterConfig config, Topics topics) {
        super(config, topics.tasks().valueSerde(), STAGE);
        this.workTypePools = config.get(Setting.WORK_TYPE_POOLS);
    }

    @Override
    protected void accept(String key, WorkTask task, Record<byte[], byte[]> record) {
        validation.checkTask(key, task);
        String pool = RoutingEngine.poolFor(task.getPoolName(), task.getWorkType(), workTypePools);
        String to = pool == null ? NO_POOL : pool;
        toPool(to, new RouteTask(task, to, origin(record)), record.timestamp());
    }
}
