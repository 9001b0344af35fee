package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.OutcomeStatus;
import io.agentrouter.model.RoutingPolicy;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import io.agentrouter.model.internal.AgentHandOff;
import io.agentrouter.model.internal.AgentJoined;
import io.agentrouter.model.internal.AgentRemoved;
import io.agentrouter.model.internal.AgentTransit;
import io.agentrouter.model.internal.HeldTask;
import io.agentrouter.model.internal.OpenTask;
import io.agentrouter.model.internal.Origin;
import io.agentrouter.model.internal.OutcomeReport;
import io.agentrouter.model.internal.PoolEvent;
import io.agentrouter.model.internal.RouteTask;
import io.agentrouter.model.internal.UndecodableEvent;
import io.agentrouter.routing.AuditEntry;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.routing.RoutingEngine;
import io.agentrouter.routing.RoutingRequest;
import io.agentrouter.scoring.Policy;
import io.agentrouter.topology.Outputs.Kind;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes inside a pool. Everything about a pool arrives here in order on one partition: tasks,
 * agent changes and outcomes. Keeps the pool-local index of capable agents, their performance, the
 * load counts and the open attempts; gathers the inputs of each decision and hands them to the
 * pure {@link RoutingEngine}.
 */
final class PoolRouter implements Processor<String, PoolEvent, String, Emit> {

    /** The name its node and its outputs carry in the topology. */
    static final String STAGE = "pool-router";
    /** What it emits. */
    static final List<Kind> OUTPUTS = List.of(Kind.DECISIONS, Kind.ASSIGNMENTS, Kind.PERFORMANCE, Kind.DEAD_LETTERS,
            Kind.HAND_OFFS);

    private final Topic<String, WorkTask> tasksTopic;
    private final Policy policy;
    private final RoutingPolicy policyRecord;
    private final Map<String, String> workTypeSpecializations;
    private final int defaultMaxRetries;
    private final long assignmentTimeoutMs;
    private final long loadKeepMs;
    private final java.time.Duration timerInterval;
    private final long ttlMs;
    private final String heartbeatsTopic;
    private final String outcomesTopic;
    private final String poolEventsTopic;
    private final long dedupRetentionMs;
    private final String applicationId;
    private InputProgress.CaughtUpClock heartbeatsCaughtUp;
    private InputProgress.CaughtUpClock outcomesCaughtUp;

    private ProcessorContext<String, Emit> context;
    private Emitter emit;
    private StorePoolView.PoolStores stores;
    private OpenAttempts attempts;
    private AgentTransits transits;
    private HeldTasks held;
    private boolean exactProgress;
    private long heardUpTo = Long.MIN_VALUE;
    private TaskIdHistory taskIds;

    PoolRouter(RouterConfig config, Topics topics) {
        this.tasksTopic = topics.tasks();
        this.policy = config.policy();
        this.policyRecord = DecisionRecords.policyRecord(policy);
        this.workTypeSpecializations = config.get(Setting.WORK_TYPE_SPECIALIZATIONS);
        this.defaultMaxRetries = config.get(Setting.MAX_RETRIES);
        this.assignmentTimeoutMs = config.get(Setting.ASSIGNMENT_TIMEOUT).toMillis();
        this.loadKeepMs = 2 * policy.loadWindow().toMillis();
        this.timerInterval = config.get(Setting.TIMER_INTERVAL);
        this.ttlMs = config.get(Setting.HEARTBEAT_TTL).toMillis();
        this.heartbeatsTopic = topics.heartbeats().name();
        this.outcomesTopic = topics.outcomes().name();
        this.poolEventsTopic = InternalTopics.poolEventsName(config);
        this.dedupRetentionMs = config.get(Setting.TASK_DEDUP_RETENTION).toMillis();
        this.applicationId = config.get(Setting.APPLICATION_ID);
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        this.context = context;
        this.emit = new Emitter(context, STAGE);
        this.stores = StorePoolView.PoolStores.open(context, loadKeepMs);
        this.attempts = new OpenAttempts(KeySpace.of(context.getStateStore(RouterStores.POOL_STATE),
                KeySpace.Kind.OPEN_TASK));
        this.transits = new AgentTransits(KeySpace.of(context.getStateStore(RouterStores.POOL_STATE),
                KeySpace.Kind.TRANSIT));
        this.held = new HeldTasks(KeySpace.of(context.getStateStore(RouterStores.POOL_STATE), KeySpace.Kind.HELD));
        this.taskIds = new TaskIdHistory(context.getStateStore(RouterStores.TASK_DEDUP), dedupRetentionMs);
        // H and O of ROUTING.md "Clocks": heartbeats and outcomes reach this task through pool-events too
        InputProgress progress = InputProgress.of(context);
        this.exactProgress = progress == InputProgress.ALWAYS;
        int partition = context.taskId().partition();
        this.heartbeatsCaughtUp = new InputProgress.CaughtUpClock(now -> Math.min(
                progress.caughtUpAt(heartbeatsTopic::equals, -1, now),
                progress.caughtUpAt(poolEventsTopic::equals, partition, now)));
        this.outcomesCaughtUp = new InputProgress.CaughtUpClock(now -> Math.min(
                progress.caughtUpAt(outcomesTopic::equals, -1, now),
                progress.caughtUpAt(poolEventsTopic::equals, partition, now)));
        context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::timeOutAssignments);
    }

    @Override
    public void process(Record<String, PoolEvent> record) {
        try {
            handle(record.key(), record.value().getPayload(), record.timestamp());
        } catch (RuntimeException e) {
            // no input may stop the router: this one event ends in the dead-letter topic with the error
            emit.deadLetter(originOf(record), record.timestamp(), UnexpectedErrors.reason(e, "handling this record"));
        }
    }

    private void handle(String pool, Object payload, long at) {
        if (payload instanceof RouteTask route) {
            WorkTask task = route.getTask();
            String duplicate = duplicate(task.getTaskId(), at);
            if (duplicate != null) {
                emit.deadLetter(originOf(route), at, duplicate);
            } else {
                route(task, pool.equals(TaskIntake.NO_POOL) ? null : pool, 0, Set.of(), at, at);
            }
        } else if (payload instanceof AgentRecord agent) {
            AgentTransit waiting = transits.waitingIn(pool, agent.getAgentId());
            if (waiting != null) {
                waiting.setAgent(agent); // a member once its hand-off arrives
                transits.put(waiting);
            } else {
                upsertMember(pool, agent, at);
            }
        } else if (payload instanceof AgentRemoved removed) {
            removeMember(pool, removed, at);
            leave(pool, removed, at);
        } else if (payload instanceof AgentJoined joined) {
            join(pool, joined, at);
        } else if (payload instanceof AgentHandOff handOff) {
            receive(pool, handOff, at);
        } else if (payload instanceof UndecodableEvent undecodable) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            emit.deadLetter(Emitter.origin(source, Serdes.String().serializer().serialize(source.topic(), pool),
                    Emitter.bytes(undecodable.getValue())), at, "cannot decode a record of " + source.topic() + ": "
                    + undecodable.getError());
        } else if (payload instanceof OutcomeReport report) {
            onOutcome(pool, report, at);
        } else {
            throw new IllegalStateException("unknown pool event " + payload);
        }
    }

    /** Why a new task is a duplicate (ROUTING.md "Bad input"), or null when it is not (and is now remembered). */
    private String duplicate(String taskId, long at) {
        if (held.holds(taskId)) {
            return "duplicate task_id '" + taskId + "': still open (held until the heartbeats are read up to its time)";
        }
        OpenTask open = attempts.get(taskId);
        if (open != null) {
            return "duplicate task_id '" + taskId + "': still open (attempt " + open.getAttempt() + ", assigned to agent "
                    + open.getAgentId() + ")";
        }
        return taskIds.firstSight(taskId, at);
    }

    // ---- routing

    /** Routes one attempt; {@code pool} null when the task has none. {@code acceptedAt}: the task's incarnation. */
    private void route(WorkTask task, String pool, int attempt, Set<String> failedAgents, long at, long acceptedAt) {
        String specialization = RoutingEngine.specializationFor(task.getPreferredSpecialization(),
                task.getWorkType(), workTypeSpecializations);
        RoutingRequest request = new RoutingRequest(task.getTaskId(), task.getWorkType(), pool, specialization,
                attempt, failedAgents, Instant.ofEpochMilli(at));
        Decision decision = RoutingEngine.decide(policy, request, new StorePoolView(stores, pool));
        if (decision.noneAlive() && !exactProgress && heardUpTo < at) {
            // being behind is not silence: decide once the heartbeats up to T have been read
            held.hold(new HeldTask(task, pool, attempt, List.copyOf(failedAgents), at, acceptedAt));
            return;
        }
        AuditEntry audit = DecisionRecords.entry(decision, policyRecord, applicationId, acceptedAt);
        emit.decision(audit);
        if (!decision.assigned()) {
            return;
        }
        String agentId = decision.selected().agentId();
        stores.load().add(agentId, at);
        emit.assignment(new Assignment(audit.decisionId(), agentId, pool, attempt, request.at(), task));
        OpenTask open = new OpenTask(task, pool, attempt, audit.decisionId(), agentId,
                context.currentSystemTimeMs() + assignmentTimeoutMs, List.copyOf(failedAgents), acceptedAt);
        attempts.open(open);
    }

    /** The event time the open task was first accepted at; entries from before v2 have the task's submitted_at. */
    private static long acceptedAt(OpenTask open) {
        return open.getAcceptedAtMs() >= 0 ? open.getAcceptedAtMs() : open.getTask().getSubmittedAt().toEpochMilli();
    }

    /** Where a task came from; records written before RouteTask carried it point at the repartition. */
    private Origin originOf(RouteTask route) {
        if (route.getOrigin() != null) {
            return route.getOrigin();
        }
        WorkTask task = route.getTask();
        return Emitter.origin(context.recordMetadata().orElseThrow(),
                tasksTopic.keySerde().serializer().serialize(tasksTopic.name(), task.getTaskId()),
                tasksTopic.valueSerde().serializer().serialize(tasksTopic.name(), task));
    }

    /** Where a pool event came from: the input record it carries, else the pool-events record itself. */
    private Origin originOf(Record<String, PoolEvent> record) {
        Object payload = record.value().getPayload();
        if (payload instanceof RouteTask route) {
            return originOf(route);
        }
        if (payload instanceof OutcomeReport report) {
            return report.getOrigin();
        }
        return Emitter.origin(context.recordMetadata().orElseThrow(),
                InternalTopics.POOL_EVENTS.keySerde().serializer().serialize(InternalTopics.POOL_EVENTS.name(), record.key()),
                InternalTopics.POOL_EVENTS.valueSerde().serializer().serialize(InternalTopics.POOL_EVENTS.name(), record.value()));
    }

    /** A transient failure of the open attempt: route again without the agent, or end the task. */
    private void retry(OpenTask open, String failedAgent, long at) {
        attempts.close(open);
        Set<String> failed = new LinkedHashSet<>(open.getFailedAgents());
        failed.add(failedAgent);
        WorkTask task = open.getTask();
        int maxRetries = task.getMaxRetries() != null ? task.getMaxRetries() : defaultMaxRetries;
        if (open.getAttempt() >= maxRetries) {
            end(open, failed, "retries exhausted after " + (open.getAttempt() + 1) + " attempts", at);
        } else {
            route(task, open.getPoolName(), open.getAttempt() + 1, failed, at, acceptedAt(open));
        }
    }

    /** The final decision of a task that will not be routed again. */
    private void end(OpenTask open, Set<String> failed, String reason, long at) {
        WorkTask task = open.getTask();
        String specialization = RoutingEngine.specializationFor(task.getPreferredSpecialization(),
                task.getWorkType(), workTypeSpecializations);
        RoutingRequest request = new RoutingRequest(task.getTaskId(), task.getWorkType(), open.getPoolName(),
                specialization, open.getAttempt() + 1, failed, Instant.ofEpochMilli(at));
        emit.decision(DecisionRecords.entry(Decision.rejected(request, reason), policyRecord, applicationId,
                acceptedAt(open)));
    }

    // ---- outcomes

    private void onOutcome(String pool, OutcomeReport report, long at) {
        TaskOutcome outcome = report.getOutcome();
        OpenTask open = attempts.get(outcome.getTaskId());
        String distrust = distrust(pool, outcome, open);
        if (distrust != null) {
            emit.deadLetter(report.getOrigin(), at, distrust);
            return;
        }
        AgentPerformance performance = recordPerformance(outcome);
        emit.performance(performance, stores.performance().put(performance), at);
        if (outcome.getStatus() == OutcomeStatus.SUCCEEDED) {
            attempts.close(open);
        } else if (outcome.getRetryable()) {
            retry(open, outcome.getAgentId(), at);
        } else {
            attempts.close(open);
            Set<String> failed = new LinkedHashSet<>(open.getFailedAgents());
            failed.add(outcome.getAgentId());
            end(open, failed, "non-retryable failure reported by " + outcome.getAgentId(), at);
        }
    }

    /** Why an outcome is not trusted (ROUTING.md "Trust"), or null when it is. */
    private static String distrust(String pool, TaskOutcome outcome, OpenTask open) {
        if (open == null || !open.getPoolName().equals(pool)) {
            return "no open assignment for task '" + outcome.getTaskId() + "' in pool '" + pool
                    + "' (unknown or finished task, or wrong pool)";
        }
        if (!open.getDecisionId().equals(outcome.getDecisionId())) {
            return "decision " + outcome.getDecisionId() + " is not the open attempt of task '"
                    + outcome.getTaskId() + "' (attempt " + open.getAttempt() + ", decision " + open.getDecisionId()
                    + "): stale or repeated outcome";
        }
        if (!open.getAgentId().equals(outcome.getAgentId())) {
            return "outcome from agent " + outcome.getAgentId() + " but attempt " + open.getAttempt() + " of task '"
                    + outcome.getTaskId() + "' is assigned to agent " + open.getAgentId();
        }
        if (!open.getTask().getWorkType().equals(outcome.getWorkType())) {
            return "work type '" + outcome.getWorkType() + "' does not match the assignment's '"
                    + open.getTask().getWorkType() + "'";
        }
        return null;
    }

    /**
     * The agent's row at the work type with the outcome counted. The row is the mirror's own, changed in
     * place; {@link PerformanceMirror#put} then stores it and refreshes its scoring inputs (if that
     * fails, the task fails and restarts from its stores under exactly-once).
     */
    private AgentPerformance recordPerformance(TaskOutcome outcome) {
        AgentPerformance p = stores.performance().get(outcome.getAgentId(), outcome.getWorkType());
        if (p == null) {
            p = AgentPerformance.newBuilder().setAgentId(outcome.getAgentId()).setWorkType(outcome.getWorkType())
                    .build();
        }
        if (outcome.getStatus() == OutcomeStatus.SUCCEEDED) {
            p.setSuccessCount(p.getSuccessCount() + 1);
        } else {
            p.setFailureCount(p.getFailureCount() + 1);
        }
        p.setTotalDurationMs(p.getTotalDurationMs() + outcome.getDurationMs());
        if (p.getLastExecutionAt() == null || outcome.getFinishedAt().isAfter(p.getLastExecutionAt())) {
            p.setLastExecutionAt(outcome.getFinishedAt());
        }
        if (outcome.getDifficulty() != null) {
            p.setDifficultyAssessment(outcome.getDifficulty());
        }
        return p;
    }

    // ---- membership

    private void upsertMember(String pool, AgentRecord agent, long at) {
        AgentRecord previous = stores.members().put(pool, agent);
        List<String> before = previous == null ? List.of() : previous.getCapabilities();
        if (!before.equals(agent.getCapabilities())) {
            Set<String> now = new HashSet<>(agent.getCapabilities());
            for (String workType : before) {
                if (!now.contains(workType)) {
                    stores.capabilityIndex().remove(pool, workType, agent.getAgentId());
                }
            }
            for (String workType : now) {
                stores.capabilityIndex().add(pool, workType, agent.getAgentId());
            }
        }
        if (agent.getStatus() == AgentStatus.OFFLINE) {
            rerouteWorkOf(agent.getAgentId(), at);
        }
    }

    private void removeMember(String pool, AgentRemoved removed, long at) {
        AgentRecord previous = stores.members().remove(pool, removed.getAgentId());
        if (previous != null) {
            for (String workType : previous.getCapabilities()) {
                stores.capabilityIndex().remove(pool, workType, removed.getAgentId());
            }
        }
        rerouteWorkOf(removed.getAgentId(), at);
    }

    // ---- pool moves: performance and load follow the agent (ROUTING.md "Retries and failure")

    /** An agent from another pool: a member once that pool's hand-off is here. */
    private void join(String pool, AgentJoined joined, long at) {
        AgentRecord agent = joined.getAgent();
        AgentTransit transit = transits.get(agent.getAgentId(), joined.getEpoch());
        if (transit != null && transit.getHandOff() != null) {
            transits.remove(transit);
            take(transit.getHandOff());
            upsertMember(pool, agent, at);
        } else {
            transits.put(new AgentTransit(agent.getAgentId(), joined.getEpoch(), pool, agent, false, null, -1L, null));
        }
    }

    /** The agent's performance and load from the pool it left. */
    private void receive(String pool, AgentHandOff handOff, long at) {
        AgentTransit transit = transits.get(handOff.getAgentId(), handOff.getEpoch());
        if (transit == null) { // before its join
            transits.put(new AgentTransit(handOff.getAgentId(), handOff.getEpoch(), pool, null, false, null, -1L,
                    handOff));
            return;
        }
        transits.remove(transit);
        if (!transit.getLeft()) {
            take(handOff);
            upsertMember(pool, transit.getAgent(), at);
        } else if (transit.getNextPool() != null) { // it moved on meanwhile: the state follows it
            handOver(handOff.getAgentId(), pool, transit.getNextPool(), transit.getNextEpoch(), handOff, at);
        } else {
            take(handOff); // deregistered meanwhile: kept here like any deregistered agent's
        }
    }

    /** The agent's membership ended: its state goes to the pool it joined, once it has its own. */
    private void leave(String pool, AgentRemoved removed, long at) {
        String agentId = removed.getAgentId();
        if (removed.getEpoch() < 0) {
            return; // written before hand-offs: the state stays on this partition
        }
        AgentTransit transit = transits.get(agentId, removed.getEpoch());
        if (transit != null && transit.getAgent() != null) { // still waiting for its own hand-off
            transit.setLeft(true);
            transit.setNextPool(removed.getNextPool());
            transit.setNextEpoch(removed.getNextEpoch());
            transits.put(transit);
        } else if (removed.getNextPool() != null) {
            handOver(agentId, pool, removed.getNextPool(), removed.getNextEpoch(),
                    new AgentHandOff(agentId, removed.getNextEpoch(), pool, stores.performance().rowsOf(agentId),
                            stores.load().countsOf(agentId)), at);
        }
    }

    private void handOver(String agentId, String from, String to, long epoch, AgentHandOff state, long at) {
        emit.handOff(to, new AgentHandOff(agentId, epoch, from, state.getPerformance(), state.getLoad()), at);
        stores.performance().forget(agentId);
        stores.load().forget(agentId);
    }

    /** The handed-over state replaces whatever this partition kept of the agent (older by construction). */
    private void take(AgentHandOff handOff) {
        stores.performance().forget(handOff.getAgentId());
        for (AgentPerformance row : handOff.getPerformance()) {
            stores.performance().put(row);
        }
        stores.load().restore(handOff.getAgentId(), handOff.getLoad());
    }

    /** The agent went offline or left: each attempt it holds is a transient failure. */
    private void rerouteWorkOf(String agentId, long at) {
        for (OpenTask open : attempts.heldBy(agentId)) {
            retry(open, agentId, at);
        }
    }

    // ---- timers

    /**
     * Wall clock: held attempts whose time the heartbeats have now reached are routed, and attempts
     * with no outcome by their deadline are transient failures. Deadlines are measured up to the last
     * time the outcomes were read to the end (O), and nothing times out while the heartbeats are more
     * than a TTL behind (H): the agents' liveness would be stale.
     */
    private void timeOutAssignments(long now) {
        heardUpTo = heartbeatsCaughtUp.tick(now);
        long reportedUpTo = outcomesCaughtUp.tick(now);
        for (HeldTask attempt : held.releaseUpTo(heardUpTo)) {
            try {
                route(attempt.getTask(), attempt.getPoolName(), attempt.getAttempt(),
                        new LinkedHashSet<>(attempt.getFailedAgents()), attempt.getAtMs(), attempt.getAcceptedAtMs());
            } catch (RuntimeException e) {
                deadLetterTask(attempt.getTask(), now, UnexpectedErrors.reason(e, "routing held attempt "
                        + attempt.getAttempt() + " of task '" + attempt.getTask().getTaskId() + "'"));
            }
        }
        if (heardUpTo < now - ttlMs || reportedUpTo == Long.MIN_VALUE) {
            return;
        }
        for (OpenTask open : attempts.dueBy(reportedUpTo)) {
            try {
                retry(open, open.getAgentId(), now);
            } catch (RuntimeException e) {
                // one attempt that cannot be handled ends alone; the timer and the other attempts go on
                attempts.close(open);
                deadLetterTask(open.getTask(), now, UnexpectedErrors.reason(e, "timing out attempt "
                        + open.getAttempt() + " of task '" + open.getTask().getTaskId() + "'"));
            }
        }
    }

    /** A task that a timer could not handle ends alone, dead-lettered as the record it came from. */
    private void deadLetterTask(WorkTask task, long now, String reason) {
        emit.deadLetter(Emitter.origin(tasksTopic.name(), tasksTopic.keySerde().serializer()
                        .serialize(tasksTopic.name(), task.getTaskId()),
                tasksTopic.valueSerde().serializer().serialize(tasksTopic.name(), task)), now, reason);
    }
}
