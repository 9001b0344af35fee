package io.agentrouter.topology;

/** An input record that breaks the rules; its message is the dead-letter reason. */
final class InvalidRecordException extends RuntimeException {

    InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
