package io.agentrouter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every setting the router knows: key, default, type and meaning. The single place where a setting
 * is declared; the configuration table in docs/OPERATIONS.md and the validation messages are derived from it.
 */
public record Setting<T>(String key, String defaultText, ValueType<T> type, String description) {

    private static final List<Setting<?>> ALL = new ArrayList<>();

    // topics
    public static final Setting<String> TOPIC_PREFIX = define("topics.prefix", "", ValueType.TEXT,
            "Prefix put before every topic name below (e.g. 'prod.').");
    public static final Setting<String> TOPIC_TASKS = define("topics.tasks", "tasks", ValueType.NAME,
            "Tasks written by producers (key task_id, value WorkTask).");
    public static final Setting<String> TOPIC_HEARTBEATS = define("topics.heartbeats", "agent-heartbeats", ValueType.NAME,
            "Agent heartbeats (key agent_id, value Heartbeat; tombstone = deregister).");
    public static final Setting<String> TOPIC_OUTCOMES = define("topics.outcomes", "task-outcomes", ValueType.NAME,
            "Outcomes reported by agents (key task_id, value TaskOutcome).");
    public static final Setting<String> TOPIC_ASSIGNMENTS = define("topics.assignments", "assignments", ValueType.NAME,
            "Assignments for agents (key agent_id, value Assignment).");
    public static final Setting<String> TOPIC_DECISIONS = define("topics.decisions", "routing-decisions", ValueType.NAME,
            "The audit trail (key decision_id, value RoutingDecision).");
    public static final Setting<String> TOPIC_REGISTRY = define("topics.registry", "agent-registry", ValueType.NAME,
            "Compacted view of registry changes: registration, status, pool, capabilities (key agent_id, value AgentRecord).");
    public static final Setting<String> TOPIC_PERFORMANCE = define("topics.performance", "agent-performance", ValueType.NAME,
            "Changelog-style view of agent performance (key agent_id/work_type, value AgentPerformance).");
    public static final Setting<String> TOPIC_DLQ = define("topics.dlq", "router-dlq", ValueType.NAME,
            "Dead letters: original key and bytes, with source topic/partition/offset and reason headers.");

    // routing (ROUTING.md defaults)
    public static final Setting<Double> W_SUCCESS = define("routing.w_success", "40", ValueType.WEIGHT,
            "Weight of the success rate.");
    public static final Setting<Double> W_CONTEXT = define("routing.w_context", "30", ValueType.WEIGHT,
            "Points for recent context.");
    public static final Setting<Double> W_SPEC = define("routing.w_spec", "20", ValueType.WEIGHT,
            "Points for a specialization match.");
    public static final Setting<Double> W_LOAD = define("routing.w_load", "10", ValueType.WEIGHT,
            "Weight of free load capacity.");
    public static final Setting<Integer> MIN_SAMPLES = define("routing.min_samples", "10", ValueType.intAtLeast(1),
            "Executions before the success rate counts (below: neutral 0.5).");
    public static final Setting<Duration> CONTEXT_WINDOW = define("routing.context_window", "PT4H", ValueType.DURATION,
            "Recent-context window (event time).");
    public static final Setting<Duration> LOAD_WINDOW = define("routing.load_window", "PT1H", ValueType.DURATION,
            "Window in which ASSIGNED decisions count as load (event time).");
    public static final Setting<Integer> LOAD_CAP = define("routing.load_cap", "10", ValueType.intAtLeast(1),
            "Load at which the load points reach 0.");
    public static final Setting<Duration> HEARTBEAT_TTL = define("routing.heartbeat_ttl", "PT30S", ValueType.DURATION,
            "Liveness TTL: no heartbeat for longer means offline.");
    public static final Setting<Duration> ASSIGNMENT_TIMEOUT = define("routing.assignment_timeout", "PT30M", ValueType.DURATION,
            "No outcome for longer (wall clock) is a transient failure; the task is re-routed.");
    public static final Setting<Integer> MAX_RETRIES = define("routing.max_retries", "3", ValueType.intAtLeast(0),
            "Retries after transient failures when the task names none.");
    public static final Setting<Duration> MAX_CLOCK_SKEW = define("routing.max_clock_skew", "PT5M", ValueType.DURATION,
            "Records stamped further ahead of the router's clock are dead-lettered.");
    public static final Setting<Duration> TASK_DEDUP_RETENTION = define("routing.task_dedup_retention", "P7D", ValueType.DURATION,
            "A task id seen again within this time (event time) is a duplicate and dead-lettered.");
    public static final Setting<Duration> TIMER_INTERVAL = define("routing.timer_interval", "PT1S", ValueType.DURATION,
            "How often (wall clock) liveness expiry and assignment timeouts are checked.");
    public static final Setting<Map<String, String>> WORK_TYPE_POOLS = define("routing.work_type_pools", "", ValueType.PAIRS,
            "Pool for tasks that name none, by work type.");
    public static final Setting<Map<String, String>> WORK_TYPE_SPECIALIZATIONS = define("routing.work_type_specializations", "",
            ValueType.PAIRS, "Specialization scored for tasks that name none, by work type.");

    // Kafka Streams
    public static final Setting<String> APPLICATION_ID = define("kafka.application.id", "agent-router", ValueType.NAME,
            "Kafka Streams application id (consumer group and internal topic prefix).");
    public static final Setting<String> BOOTSTRAP_SERVERS = define("kafka.bootstrap.servers", "localhost:9092", ValueType.NAME,
            "Kafka brokers.");
    public static final Setting<String> PROCESSING_GUARANTEE = define("kafka.processing.guarantee", "exactly_once_v2",
            ValueType.oneOf("exactly_once_v2", "at_least_once"), "Exactly-once by default: one decision per attempt across crashes.");
    public static final Setting<Integer> COMMIT_INTERVAL_MS = define("kafka.commit.interval.ms", "100", ValueType.intAtLeast(1),
            "Commit interval; under exactly-once it bounds latency from below.");
    public static final Setting<Integer> NUM_STANDBY_REPLICAS = define("kafka.num.standby.replicas", "0", ValueType.intAtLeast(0),
            "Warm copies of each store on other instances (use 1 in production).");
    public static final Setting<Integer> PARTITIONS = define("topics.partitions", "6", ValueType.intAtLeast(1),
            "Partitions of topics the router creates and of its pool-events topic; a task produced to its"
                    + " pool's partition of this many is routed without a repartition (PoolPlacement).");
    public static final Setting<Integer> REPLICATION_FACTOR = define("topics.replication_factor", "1", ValueType.intAtLeast(1),
            "Replication factor of topics the router creates (and of its internal topics).");
    public static final Setting<Boolean> CREATE_TOPICS = define("topics.create", "true", ValueType.BOOLEAN,
            "Create missing topics at start-up; when false, a missing topic stops start-up with its name.");

    private static <T> Setting<T> define(String key, String defaultText, ValueType<T> type, String description) {
        Setting<T> setting = new Setting<>(key, defaultText, type, description);
        ALL.add(setting);
        return setting;
    }

    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** ROUTER_ plus the key in upper case with dots as underscores: routing.w_success -> ROUTER_ROUTING_W_SUCCESS. */
    public String environmentVariable() {
        return "ROUTER_" + key.toUpperCase().replace('.', '_');
    }
}
