package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.internal.OutcomeReport;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of an outcome: validates it and sends it, with its origin, to the partition of the pool
 * it names, where the pool router checks it against the open assignment.
 */
final class OutcomeIntake extends Intake<TaskOutcome> {

    OutcomeIntake(RouterConfig config, Topics topics) {
        super(config, topics.outcomes().valueSerde());
    }

    @Override
    protected void accept(String key, TaskOutcome outcome, Record<byte[], byte[]> record) {
        validation.checkOutcome(key, outcome);
        if (outcome.getFinishedAt().toEpochMilli() > context.currentSystemTimeMs() + validation.maxClockSkewMs()) {
            throw new InvalidRecordException("finished_at " + outcome.getFinishedAt()
                    + " is further ahead of the router's clock than the allowed skew");
        }
        OutcomeReport report = new OutcomeReport(outcome,
                Emitter.origin(context.recordMetadata().orElseThrow(), record.key(), record.value()));
        emit.pool(outcome.getPoolName(), report, record.timestamp());
    }
}
