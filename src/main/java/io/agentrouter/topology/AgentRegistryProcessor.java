package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.internal.AgentJoined;
import io.agentrouter.model.internal.AgentRemoved;
import io.agentrouter.topology.Outputs.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The agent registry, keyed by agent_id like the heartbeats topic. Keeps each agent's latest
 * heartbeat and its record time, tells the agent's pool about every change (and the old pool when
 * an agent moves or deregisters), and on the wall clock marks agents OFFLINE whose heartbeats
 * stopped for the TTL. It also remembers each agent's last pool after it deregistered, so that the
 * pool an agent joins gets its performance and load from the pool it was last in.
 */
final class AgentRegistryProcessor extends Intake<Heartbeat> {

    /** The name its outputs carry in the topology (its node is {@code <stage>-processor}). */
    static final String STAGE = "agent-registry";
    /** What it emits: registry rows, dead letters, and agent changes for their pool (always by pool-events). */
    static final List<Kind> OUTPUTS = List.of(Kind.REGISTRY, Kind.DEAD_LETTERS, Kind.POOL_EVENTS);

    private final long ttlMs;
    private final java.time.Duration interval;
    private KeyValueStore<String, AgentRecord> registry;
    private Memberships memberships;
    private final String heartbeatsTopic;
    private InputProgress.CaughtUpClock caughtUp;

    AgentRegistryProcessor(RouterConfig config, Topics topics) {
        super(config, topics.heartbeats().valueSerde(), STAGE);
        this.ttlMs = config.get(Setting.HEARTBEAT_TTL).toMillis();
        this.interval = config.get(Setting.TIMER_INTERVAL);
        this.heartbeatsTopic = topics.heartbeats().name();
    }

    @Override
    protected void open(ProcessorContext<String, Emit> context) {
        this.registry = context.getStateStore(RouterStores.AGENT_REGISTRY);
        this.memberships = new Memberships(context.getStateStore(RouterStores.AGENT_MEMBERSHIP));
        InputProgress progress = InputProgress.of(context);
        int partition = context.taskId().partition();
        this.caughtUp = new InputProgress.CaughtUpClock(
                now -> progress.caughtUpAt(heartbeatsTopic::equals, partition, now));
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::expireSilentAgents);
    }

    @Override
    protected void accept(String agentId, Heartbeat heartbeat, Record<byte[], byte[]> record) {
        validation.checkHeartbeat(agentId, heartbeat);
        register(heartbeat, record.timestamp());
    }

    /** A tombstone deregisters the agent. */
    @Override
    protected void onTombstone(String agentId, long at) {
        AgentRecord previous = registry.delete(agentId);
        if (previous == null) {
            throw new InvalidRecordException("deregistration (tombstone) of unknown agent '" + agentId + "'");
        }
        emit.registry(agentId, null, at);
        Memberships.Membership membership = memberships.of(agentId, previous);
        emit.pool(previous.getPoolName(), new AgentRemoved(agentId, "agent " + agentId + " deregistered",
                membership.epoch(), null, -1L), at);
    }

    private void register(Heartbeat heartbeat, long at) {
        AgentRecord previous = registry.get(heartbeat.getAgentId());
        // heartbeats apply in arrival order; an older stamp (a clock stepped back) keeps the liveness time
        Instant alive = Instant.ofEpochMilli(at);
        if (previous != null && previous.getLastHeartbeatAt().isAfter(alive)) {
            alive = previous.getLastHeartbeatAt();
        }
        AgentRecord current = AgentRecord.newBuilder()
                .setAgentId(heartbeat.getAgentId())
                .setAgentType(heartbeat.getAgentType())
                .setPoolName(heartbeat.getPoolName())
                .setCapabilities(heartbeat.getCapabilities())
                .setSpecializations(heartbeat.getSpecializations())
                .setStatus(heartbeat.getStatus())
                .setLastHeartbeatAt(alive)
                .build();
        registry.put(current.getAgentId(), current);
        if (previous == null || !sameExceptTime(previous, current)) {
            // the registry topic is a view of changes: a heartbeat that only renews liveness is not one
            emit.registry(current.getAgentId(), current, at);
        }
        String pool = current.getPoolName();
        Memberships.Membership last = memberships.of(current.getAgentId(), previous);
        if (last == null || last.pool().equals(pool)) {
            if (last == null) {
                memberships.start(current.getAgentId(), pool, 0);
            }
            emit.pool(pool, current, at);
            return;
        }
        // a move, or a registration again in another pool than the last: the last pool hands over
        long epoch = last.epoch() + 1;
        String reason = previous != null
                ? "agent " + current.getAgentId() + " moved to pool '" + pool + "'"
                : "agent " + current.getAgentId() + " registered again in pool '" + pool + "'";
        emit.pool(last.pool(), new AgentRemoved(current.getAgentId(), reason, last.epoch(), pool, epoch), at);
        memberships.start(current.getAgentId(), pool, epoch);
        emit.pool(pool, new AgentJoined(current, last.pool(), epoch), at);
    }

    private static boolean sameExceptTime(AgentRecord a, AgentRecord b) {
        return a.getStatus() == b.getStatus() && a.getPoolName().equals(b.getPoolName())
                && a.getAgentType() == b.getAgentType() && a.getCapabilities().equals(b.getCapabilities())
                && a.getSpecializations().equals(b.getSpecializations());
    }

    /**
     * Wall-clock liveness: agents silent for longer than the TTL become OFFLINE; their pool re-routes
     * their work. Silence is measured up to the last time this partition's heartbeats were read to the
     * end (H), so a router that is behind, was stopped or just took over expires nobody for it.
     */
    private void expireSilentAgents(long now) {
        long heardUpTo = caughtUp.tick(now);
        if (heardUpTo == Long.MIN_VALUE) {
            return;
        }
        List<AgentRecord> expired = new ArrayList<>();
        try (KeyValueIterator<String, AgentRecord> agents = registry.all()) {
            while (agents.hasNext()) {
                KeyValue<String, AgentRecord> entry = agents.next();
                AgentRecord agent = entry.value;
                if (agent.getStatus() != AgentStatus.OFFLINE
                        && agent.getLastHeartbeatAt().toEpochMilli() < heardUpTo - ttlMs) {
                    expired.add(agent);
                }
            }
        }
        for (AgentRecord agent : expired) {
            agent.setStatus(AgentStatus.OFFLINE);
            registry.put(agent.getAgentId(), agent);
            emit.registry(agent.getAgentId(), agent, now);
            emit.pool(agent.getPoolName(), agent, now);
        }
    }
}
