package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.local.TestDirs;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.Difficulty;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology in a TopologyTestDriver, with typed topics from {@link Topics} and
 * helpers that speak the domain: heartbeats, tasks, outcomes, decisions.
 */
final class RouterDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-19T17:30:00Z");

    final RouterConfig config;
    final Topics topics;
    final TopologyTestDriver driver;
    final TestInputTopic<String, WorkTask> tasks;
    final TestInputTopic<String, Heartbeat> heartbeats;
    final TestInputTopic<String, TaskOutcome> outcomes;
    final TestInputTopic<byte[], byte[]> rawTasks;
    final TestInputTopic<byte[], byte[]> rawHeartbeats;
    final TestInputTopic<byte[], byte[]> rawOutcomes;
    final TestOutputTopic<String, RoutingDecision> decisions;
    final TestOutputTopic<String, Assignment> assignments;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, io.agentrouter.model.AgentPerformance> performance;
    final TestOutputTopic<String, io.agentrouter.model.AgentRecord> registry;

    RouterDriver() {
        this(Map.of());
    }

    RouterDriver(Map<String, String> overrides) {
        this(overrides, InputProgress.ALWAYS);
    }

    /** With the inputs' progress as {@code progress} reports it (a driver alone is always caught up). */
    RouterDriver(Map<String, String> overrides, InputProgress progress) {
        Map<String, String> settings = new HashMap<>(Map.of("routing.work_type_pools", "deploy_service=infra_pool_1"));
        settings.putAll(overrides);
        config = RouterConfig.of(settings);
        topics = Topics.from(config);
        Properties props = StreamsProperties.from(config);
        props.put("state.dir", TestDirs.create("router-ttd-").toString());
        Properties withProgress = new Properties();
        withProgress.putAll(props);
        withProgress.put(InputProgress.CONFIG, progress);
        driver = new TopologyTestDriver(RouterTopology.topology(config, props), withProgress, T0);
        tasks = input(topics.tasks());
        heartbeats = input(topics.heartbeats());
        outcomes = input(topics.outcomes());
        rawTasks = raw(topics.tasks());
        rawHeartbeats = raw(topics.heartbeats());
        rawOutcomes = raw(topics.outcomes());
        decisions = output(topics.decisions());
        assignments = output(topics.assignments());
        deadLetters = output(topics.deadLetters());
        performance = output(topics.performance());
        registry = output(topics.registry());
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private TestInputTopic<byte[], byte[]> raw(Topic<?, ?> topic) {
        return driver.createInputTopic(topic.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    // ---- inputs

    void heartbeat(String agentId, String pool, List<String> capabilities, List<String> specializations,
                   AgentStatus status, Instant at) {
        Heartbeat hb = Heartbeat.newBuilder().setAgentId(agentId).setAgentType(AgentType.INFRA).setPoolName(pool)
                .setCapabilities(capabilities).setSpecializations(specializations).setStatus(status).build();
        heartbeats.pipeInput(agentId, hb, at);
    }

    /** An ONLINE infra_pool_1 agent able to deploy_service, heartbeating at T0. */
    void online(String agentId, String... specializations) {
        heartbeat(agentId, "infra_pool_1", List.of("deploy_service"), List.of(specializations), AgentStatus.ONLINE, T0);
    }

    /** A new status for a plain deploy_service agent of infra_pool_1 (see {@link #online}). */
    void status(String agentId, AgentStatus status, Instant at) {
        heartbeat(agentId, "infra_pool_1", List.of("deploy_service"), List.of(), status, at);
    }

    void task(String taskId, String workType, String pool, String specialization, Instant at) {
        tasks.pipeInput(taskId, WorkTask.newBuilder().setTaskId(taskId).setWorkType(workType).setPoolName(pool)
                .setPreferredSpecialization(specialization).setSubmittedAt(at).build(), at);
    }

    void task(String taskId, Instant at) {
        task(taskId, "deploy_service", "infra_pool_1", null, at);
    }

    void taskWithRetries(String taskId, int maxRetries, Instant at) {
        tasks.pipeInput(taskId, WorkTask.newBuilder().setTaskId(taskId).setWorkType("deploy_service")
                .setPoolName("infra_pool_1").setMaxRetries(maxRetries).setSubmittedAt(at).build(), at);
    }

    static TaskOutcome outcome(Assignment a, OutcomeStatus status, boolean retryable, Instant finishedAt) {
        return TaskOutcome.newBuilder().setTaskId(a.getTask().getTaskId()).setDecisionId(a.getDecisionId())
                .setAgentId(a.getAgentId()).setPoolName(a.getPoolName()).setWorkType(a.getTask().getWorkType())
                .setStatus(status).setRetryable(retryable).setDurationMs(1000).setDifficulty(Difficulty.TRICKY)
                .setFinishedAt(finishedAt).build();
    }

    void report(TaskOutcome outcome, Instant at) {
        outcomes.pipeInput(outcome.getTaskId(), outcome, at);
    }

    void succeed(Assignment a, Instant at) {
        report(outcome(a, OutcomeStatus.SUCCEEDED, false, at), at);
    }

    void fail(Assignment a, boolean retryable, Instant at) {
        report(outcome(a, OutcomeStatus.FAILED, retryable, at), at);
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /**
     * Gives an agent a history the way production does: routes tasks to it and reports outcomes.
     * The agent must be the only ONLINE capable agent of infra_pool_1 while this runs. Tasks are
     * stamped a day before T0 so they add no load near T0; outcomes finish at {@code lastFinishedAt}.
     */
    void train(String agentId, int successes, int failures, Instant lastFinishedAt) {
        Instant taskTime = T0.minus(Duration.ofDays(1));
        for (int i = 0; i < successes + failures; i++) {
            String taskId = "train-" + agentId + "-" + trained++;
            task(taskId, taskTime);
            Assignment a = onlyAssignment();
            if (!a.getAgentId().equals(agentId)) {
                throw new AssertionError("training task went to " + a.getAgentId() + ", not " + agentId);
            }
            boolean ok = i < successes;
            // a failure must not be retried, or the retry would add an assignment
            report(outcome(a, ok ? OutcomeStatus.SUCCEEDED : OutcomeStatus.FAILED, false, lastFinishedAt), taskTime);
        }
        decisions.readValuesToList();
        performance.readValuesToList();
    }

    private int trained;

    // ---- outputs

    List<RoutingDecision> drainDecisions() {
        return decisions.readValuesToList();
    }

    RoutingDecision onlyDecision() {
        List<RoutingDecision> all = drainDecisions();
        if (all.size() != 1) {
            throw new AssertionError("expected one decision, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    Assignment onlyAssignment() {
        List<Assignment> all = assignments.readValuesToList();
        if (all.size() != 1) {
            throw new AssertionError("expected one assignment, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    List<TestRecord<byte[], byte[]>> drainDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
