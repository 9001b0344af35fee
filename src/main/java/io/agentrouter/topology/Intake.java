package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.PoolPlacement;
import io.agentrouter.model.internal.Origin;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of an input topic: checks size and timestamp, decodes the raw bytes and hands the
 * value on; anything that breaks a rule goes to the dead-letter topic with its source coordinates.
 */
abstract class Intake<V> implements Processor<byte[], byte[], String, Emit> {

    protected final Validation validation;
    private final Serde<V> serde;
    private final int partitions;
    private final String stage;
    protected ProcessorContext<String, Emit> context;
    protected Emitter emit;

    /** {@code stage}: the name the topology wires this processor's outputs under. */
    Intake(RouterConfig config, Serde<V> serde, String stage) {
        this.validation = new Validation(config);
        this.stage = stage;
        this.serde = serde;
        this.partitions = config.get(Setting.PARTITIONS);
    }

    @Override
    public final void init(ProcessorContext<String, Emit> context) {
        this.context = context;
        this.emit = new Emitter(context, stage);
        open(context);
    }

    /** Fetch stores and schedule punctuations. */
    protected void open(ProcessorContext<String, Emit> context) {
    }

    @Override
    public final void process(Record<byte[], byte[]> record) {
        try {
            validation.checkEnvelope(record.key(), record.value(), record.timestamp(), context.currentSystemTimeMs());
            String key = validation.key(record.key());
            if (record.value() == null) {
                onTombstone(key, record.timestamp());
                return;
            }
            accept(key, validation.decode(serde, record.value()), record);
        } catch (InvalidRecordException e) {
            emit.deadLetter(record.key(), record.value(), record.timestamp(), e.getMessage());
        } catch (RuntimeException e) {
            emit.deadLetter(record.key(), record.value(), record.timestamp(),
                    UnexpectedErrors.reason(e, "handling this record"));
        }
    }

    /**
     * Hands a pool event to the pool's router: in place when the record being processed is on the
     * pool's partition ({@link PoolPlacement}), else through the pool-events topic.
     */
    protected void toPool(String pool, Object payload, long timestamp) {
        if (context.recordMetadata().orElseThrow().partition() == PoolPlacement.partitionOf(pool, partitions)) {
            emit.inPlace(pool, payload, timestamp);
        } else {
            emit.pool(pool, payload, timestamp);
        }
    }

    /** The record being processed, as a pointer for a dead letter written further on. */
    protected Origin origin(Record<byte[], byte[]> record) {
        return Emitter.origin(context.recordMetadata().orElseThrow(), record.key(), record.value());
    }

    /** A null value; not allowed unless the topic gives tombstones a meaning. */
    protected void onTombstone(String key, long timestamp) {
        throw new InvalidRecordException("missing value (null is not allowed here)");
    }

    /** A decoded value whose envelope passed; throw {@link InvalidRecordException} to dead-letter it. */
    protected abstract void accept(String key, V value, Record<byte[], byte[]> record);
}
