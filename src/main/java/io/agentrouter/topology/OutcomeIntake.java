package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.internal.OutcomeReport;
import io.agentrouter.topology.Outputs.Kind;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of an outcome: validates it and hands it, with its origin, to the router of the pool
 * it names (in place when produced to the pool's partition), which checks it against the open
 * assignment.
 */
final class OutcomeIntake extends Intake<TaskOutcome> {

    /** The name its node and its outputs carry in the topology. */
    static final String STAGE = "outcome-intake";
    /** What it emits: dead letters, and outcomes for their pool. */
    static final List<Kind> OUTPUTS = List.of(Kind.DEAD_LETTERS, Kind.POOL_EVENTS, Kind.IN_PLACE);

    OutcomeIntake(RouterConfig config, Topics topics) {
        super(config, topics.outcomes().valueSerde(), STAGE);
    }

    @Override
    protected void accept(String key, TaskOutcome outcome, Record<byte[], byte[]> record) {
        validation.checkOutcome(key, outcome);
        if (outcome.getFinishedAt().toEpochMilli() > context.currentSystemTimeMs() + validation.maxClockSkewMs()) {
            throw new InvalidRecordException("finished_at " + outcome.getFinishedAt()
                    + " is further ahead of the router's clock than the allowed skew");
        }
        toPool(outcome.getPoolName(), new OutcomeReport(outcome, origin(record)), record.timestamp());
    }
}
