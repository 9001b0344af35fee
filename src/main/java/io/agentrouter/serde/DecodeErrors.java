package io.agentrouter.serde;

import java.io.EOFException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;

/** Turns Avro's decoding exceptions into one readable phrase for the dead-letter topic. */
final class DecodeErrors {

    private DecodeErrors() {
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (e instanceof BadHeaderException) {
            return "not Avro single-object encoded (" + e.getMessage() + ")";
        }
        if (e instanceof MissingSchemaException) {
            return "written with an unknown schema (" + e.getMessage() + ")";
        }
        if (e instanceof AvroTypeException) {
            return "does not match the schema (" + e.getMessage() + ")";
        }
        if (hasCause(e, EOFException.class)) {
            return "truncated record";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
