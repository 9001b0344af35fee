package io.agentrouter.contract;

/** Headers of a dead-letter record: where the original came from and why it was rejected. */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "router.dlq.source.topic";
    public static final String SOURCE_PARTITION = "router.dlq.source.partition";
    public static final String SOURCE_OFFSET = "router.dlq.source.offset";
    public static final String REASON = "router.dlq.reason";

    private DeadLetterHeaders() {
    }
}
