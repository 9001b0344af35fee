package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.internal.OutcomeReport;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of an outcome: validates it and sends it, with its origin, to the partition of the pool
 * it names, where the pool router checks it against the open assignment.
 */
final class OutcomeIntake implements Processor<byte[], byte[], String, Emit> {

    private final Validation validation;
    private final Serde<TaskOutcome> serde;
    private ProcessorContext<String, Emit> context;
    private Emitter emit;

    OutcomeIntake(RouterConfig config, Topics topics) {
        this.validation = new Validation(config);
        this.serde = topics.outcomes().valueSerde();
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        this.context = context;
        this.emit = new Emitter(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            validation.checkEnvelope(record.key(), record.value(), record.timestamp(), context.currentSystemTimeMs());
            String key = validation.key(record.key());
            TaskOutcome outcome = validation.decode(serde, record.value());
            validation.checkOutcome(key, outcome);
            if (outcome.getFinishedAt().toEpochMilli() > context.currentSystemTimeMs() + validation.maxClockSkewMs()) {
                throw new InvalidRecordException("finished_at " + outcome.getFinishedAt()
                        + " is further ahead of the router's clock than the allowed skew");
            }
            OutcomeReport report = new OutcomeReport(outcome,
                    Emitter.origin(context.recordMetadata().orElseThrow(), record.key(), record.value()));
            emit.pool(outcome.getPoolName(), report, record.timestamp());
        } catch (InvalidRecordException e) {
            emit.deadLetter(record.key(), record.value(), record.timestamp(), e.getMessage());
        }
    }
}
