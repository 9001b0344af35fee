package io.agentrouter.topology;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a processor does with an error no rule foresaw: Kafka's own exceptions (a fenced producer, a
 * migrated task) go on to Kafka Streams, which knows how to recover from them; any other error ends
 * only the record or attempt being handled, which is dead-lettered with this reason.
 */
final class UnexpectedErrors {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    private UnexpectedErrors() {
    }

    /** The dead-letter reason for {@code e}, after rethrowing it when Kafka Streams must see it. */
    static String reason(RuntimeException e, String whileDoing) {
        if (e instanceof KafkaException) {
            throw e;
        }
        LOG.error("unexpected error while {}; dead-lettered, processing goes on", whileDoing, e);
        return "unexpected error while " + whileDoing + ": " + e;
    }
}
