package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The input rules of ROUTING.md "Bad input". Each check throws {@link InvalidRecordException} with a
 * reason a person can act on; the caller dead-letters the record.
 */
final class Validation {

    static final int MAX_ID_BYTES = 1024;
    static final int MAX_RECORD_BYTES = 100 * 1024;

    private final long maxClockSkewMs;

    long maxClockSkewMs() {
        return maxClockSkewMs;
    }

    Validation(RouterConfig config) {
        this.maxClockSkewMs = config.get(Setting.MAX_CLOCK_SKEW).toMillis();
    }

    /** Size and timestamp rules that hold for every input record, before decoding. */
    void checkEnvelope(byte[] key, byte[] value, long timestamp, long wallClockMs) {
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        if (size > MAX_RECORD_BYTES) {
            throw new InvalidRecordException("record of " + size + " bytes exceeds the limit of " + MAX_RECORD_BYTES);
        }
        if (timestamp > wallClockMs + maxClockSkewMs) {
            throw new InvalidRecordException("timestamp " + Instant.ofEpochMilli(timestamp) + " is more than "
                    + maxClockSkewMs + " ms ahead of the router's clock (" + Instant.ofEpochMilli(wallClockMs) + ")");
        }
    }

    String key(byte[] key) {
        if (key == null) {
            throw new InvalidRecordException("missing key");
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    <T> T decode(Serde<T> serde, byte[] value) {
        if (value == null) {
            throw new InvalidRecordException("missing value (null is not allowed here)");
        }
        try {
            return serde.deserializer().deserialize(null, value);
        } catch (SerializationException e) {
            throw new InvalidRecordException(e.getMessage());
        }
    }

    void checkTask(String key, WorkTask task) {
        id("task_id", task.getTaskId());
        matchesKey(key, "task_id", task.getTaskId());
        id("work_type", task.getWorkType());
        optionalId("pool_name", task.getPoolName());
        optionalId("preferred_specialization", task.getPreferredSpecialization());
        if (task.getMaxRetries() != null && task.getMaxRetries() < 0) {
            throw new InvalidRecordException("max_retries is negative (" + task.getMaxRetries() + ")");
        }
    }

    void checkHeartbeat(String key, Heartbeat heartbeat) {
        id("agent_id", heartbeat.getAgentId());
        matchesKey(key, "agent_id", heartbeat.getAgentId());
        id("pool_name", heartbeat.getPoolName());
        ids("capabilities", heartbeat.getCapabilities());
        ids("specializations", heartbeat.getSpecializations());
    }

    void checkOutcome(String key, TaskOutcome outcome) {
        id("task_id", outcome.getTaskId());
        matchesKey(key, "task_id", outcome.getTaskId());
        id("decision_id", outcome.getDecisionId());
        id("agent_id", outcome.getAgentId());
        id("pool_name", outcome.getPoolName());
        id("work_type", outcome.getWorkType());
        if (outcome.getDurationMs() < 0) {
            throw new InvalidRecordException("duration_ms is negative (" + outcome.getDurationMs() + ")");
        }
        if (outcome.getStatus() == OutcomeStatus.SUCCEEDED && outcome.getRetryable()) {
            throw new InvalidRecordException("retryable is set on a SUCCEEDED outcome");
        }
    }

    /** Ids and names: non-empty, at most 1 KiB, no control characters (NUL separates store keys). */
    static void id(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRecordException(field + " is empty");
        }
        // one pass, no copy: every task and outcome carries several ids
        int utf8Bytes = 0;
        boolean control = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            control |= Character.isISOControl(c);
            utf8Bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
        }
        if (utf8Bytes > MAX_ID_BYTES) {
            throw new InvalidRecordException(field + " is longer than " + MAX_ID_BYTES + " bytes");
        }
        if (control) {
            throw new InvalidRecordException(field + " contains a control character");
        }
    }

    private static void optionalId(String field, String value) {
        if (value != null) {
            id(field, value);
        }
    }

    private static void ids(String field, List<String> values) {
        for (String value : values) {
            id(field + " entry", value);
        }
    }

    private static void matchesKey(String key, String field, String value) {
        if (!key.equals(value)) {
            throw new InvalidRecordException("key '" + abbreviate(key) + "' does not match " + field + " '"
                    + abbreviate(value) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
