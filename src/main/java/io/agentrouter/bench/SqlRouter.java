package io.agentrouter.bench;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.WorkTask;
import io.agentrouter.routing.AgentSnapshot;
import io.agentrouter.routing.CapableAgent;
import io.agentrouter.routing.Decision;
import io.agentrouter.routing.DecisionRecords;
import io.agentrouter.routing.PerformanceStats;
import io.agentrouter.routing.PoolView;
import io.agentrouter.routing.RoutingEngine;
import io.agentrouter.routing.RoutingRequest;
import io.agentrouter.scoring.Policy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The database-centred baselines, on the same topics with transactions: read tasks, decide with SQL
 * against PostgreSQL, write the audit row, produce the assignment and the decision.
 * {@code original}: the way the original Python service did it, queries per candidate (agents of the
 * pool, then performance, recent context and load for each). {@code best}: one query per decision (a
 * join with the load counted in it), then the insert. Both score with the router's own engine.
 */
public final class SqlRouter {

    private final boolean original;
    private final Connection db;
    private final Policy policy = Policy.defaults();

    private SqlRouter(boolean original, Connection db) {
        this.original = original;
        this.db = db;
    }

    /** Creates and fills the baseline's tables for the benchmark's fleet. */
    static void prepare(String jdbcUrl, String user, String password, BenchOptions options) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password); Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_agents, bench_performance, bench_decisions");
            st.execute("CREATE TABLE bench_agents (agent_id TEXT PRIMARY KEY, pool_name TEXT, capabilities TEXT[],"
                    + " specializations TEXT[], status TEXT, last_heartbeat_at TIMESTAMPTZ)");
            st.execute("CREATE INDEX ON bench_agents (pool_name)");
            st.execute("CREATE TABLE bench_performance (agent_id TEXT, work_type TEXT, success_count BIGINT,"
                    + " failure_count BIGINT, last_execution_at TIMESTAMPTZ, PRIMARY KEY (agent_id, work_type))");
            st.execute("CREATE TABLE bench_decisions (decision_id TEXT PRIMARY KEY, task_id TEXT, work_type TEXT,"
                    + " agent_pool TEXT, outcome TEXT, selected_agent_id TEXT, score DOUBLE PRECISION, reason TEXT,"
                    + " created_at TIMESTAMPTZ, candidates INTEGER)");
            st.execute("CREATE INDEX ON bench_decisions (selected_agent_id, created_at)");
            Random random = new Random(7);
            try (PreparedStatement agent = db.prepareStatement("INSERT INTO bench_agents VALUES (?,?,?,?,?,?)");
                 PreparedStatement perf = db.prepareStatement("INSERT INTO bench_performance VALUES (?,?,?,?,?)")) {
                for (int p = 0; p < options.pools(); p++) {
                    for (int a = 0; a < options.agentsPerPool(); a++) {
                        String id = "pool" + p + "-agent" + a;
                        String[] caps = new String[options.workTypes()];
                        for (int w = 0; w < caps.length; w++) {
                            caps[w] = a < options.capablePerPool() ? "w" + w : "other-" + w;
                            perf.setString(1, id);
                            perf.setString(2, caps[w]);
                            perf.setLong(3, random.nextInt(40));
                            perf.setLong(4, random.nextInt(10));
                            perf.setTimestamp(5, Timestamp.from(Instant.now().minusSeconds(random.nextInt(20_000))));
                            perf.addBatch();
                        }
                        agent.setString(1, id);
                        agent.setString(2, "pool" + p);
                        agent.setArray(3, db.createArrayOf("text", caps));
                        agent.setArray(4, db.createArrayOf("text", a % 3 == 0 ? new String[] {"expert"} : new String[0]));
                        agent.setString(5, "ONLINE");
                        // far in the future: the baseline has no heartbeats, every agent stays alive
                        agent.setTimestamp(6, Timestamp.from(Instant.now().plus(Duration.ofDays(1))));
                        agent.addBatch();
                    }
                }
                agent.executeBatch();
                perf.executeBatch();
            }
        }
    }

    /** Runs until the process is stopped. */
    public static int run(RouterConfig config, String mode, String jdbcUrl, String user, String password)
            throws Exception {
        Topics topics = Topics.from(config);
        String bootstrap = config.get(Setting.BOOTSTRAP_SERVERS);
        String group = config.get(Setting.APPLICATION_ID);
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                     "group.id", group, "isolation.level", "read_committed", "enable.auto.commit", false,
                     "auto.offset.reset", "earliest"), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "transactional.id", group + "-tx", "linger.ms", 5), Serdes.String().serializer(),
                     Serdes.ByteArray().serializer())) {
            db.setAutoCommit(true);
            SqlRouter router = new SqlRouter(mode.equals("original"), db);
            producer.initTransactions();
            consumer.subscribe(List.of(topics.tasks().name()));
            System.err.println("sql-" + mode + ": running");
            while (true) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    WorkTask task = topics.tasks().valueSerde().deserializer().deserialize(null, r.value());
                    router.route(task, Instant.ofEpochMilli(r.timestamp()), topics, producer);
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
            }
        }
    }

    private void route(WorkTask task, Instant at, Topics topics, KafkaProducer<String, byte[]> producer)
            throws SQLException {
        String specialization = task.getPreferredSpecialization();
        RoutingRequest request = new RoutingRequest(task.getTaskId(), task.getWorkType(), task.getPoolName(),
                specialization, 0, Set.of(), at);
        PoolView view = original ? new PerCandidateQueries(task.getPoolName(), task.getWorkType())
                : new OneQuery(task.getPoolName(), task.getWorkType(), at);
        Decision decision = RoutingEngine.decide(policy, request, view);
        RoutingDecision record = DecisionRecords.toRecord(DecisionRecords.entry(decision,
                DecisionRecords.policyRecord(policy), "sql-router", at.toEpochMilli()));
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO bench_decisions VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (decision_id) DO NOTHING")) {
            insert.setString(1, record.getDecisionId());
            insert.setString(2, record.getTaskId());
            insert.setString(3, record.getWorkType());
            insert.setString(4, record.getAgentPool());
            insert.setString(5, record.getOutcome().name());
            insert.setString(6, record.getSelectedAgentId());
            insert.setObject(7, record.getScore());
            insert.setString(8, record.getReason());
            insert.setTimestamp(9, Timestamp.from(at));
            insert.setInt(10, record.getCandidates().size());
            insert.executeUpdate();
        }
        producer.send(new ProducerRecord<>(topics.decisions().name(), record.getDecisionId(),
                topics.decisions().valueSerde().serializer().serialize(null, record)));
        if (decision.assigned()) {
            Assignment assignment = new Assignment(record.getDecisionId(), record.getSelectedAgentId(),
                    task.getPoolName(), 0, at, task);
            producer.send(new ProducerRecord<>(topics.assignments().name(), assignment.getAgentId(),
                    topics.assignments().valueSerde().serializer().serialize(null, assignment)));
        }
    }

    private static AgentSnapshot snapshot(ResultSet rs) throws SQLException {
        Array caps = rs.getArray("capabilities");
        Array specs = rs.getArray("specializations");
        return new AgentSnapshot(rs.getString("agent_id"), AgentStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("last_heartbeat_at").toInstant(), Arrays.asList((String[]) caps.getArray()),
                Arrays.asList((String[]) specs.getArray()));
    }

    /** The baselines' fleets have every agent alive (no heartbeats): the pool-wide questions are settled. */
    private abstract static class AllAlive implements PoolView {
        /** The view's agents, each asking the view for its inputs when the engine does. */
        final List<CapableAgent> asCapable(List<AgentSnapshot> agents, String workType) {
            List<CapableAgent> capable = new ArrayList<>(agents.size());
            for (AgentSnapshot agent : agents) {
                capable.add(CapableAgent.lookedUp(agent, () -> performance(agent.agentId(), workType),
                        (from, to) -> load(agent.agentId(), from, to)));
            }
            return capable;
        }

        abstract PerformanceStats performance(String agentId, String workType);

        abstract int load(String agentId, Instant from, Instant to);

        @Override
        public boolean hasMembers() {
            return true;
        }

        @Override
        public boolean hasAliveMember(Instant aliveSince) {
            return true;
        }
    }

    /** The original design: the pool's agents, then one query per candidate for each input. */
    private final class PerCandidateQueries extends AllAlive {
        private final String pool;
        private final String workType;

        PerCandidateQueries(String pool, String workType) {
            this.pool = pool;
            this.workType = workType;
        }

        @Override
        public List<CapableAgent> capableAgents(String wt) {
            List<AgentSnapshot> capable = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT * FROM bench_agents WHERE pool_name = ?")) {
                q.setString(1, pool);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        AgentSnapshot a = snapshot(rs);
                        if (a.capabilities().contains(wt)) {
                            capable.add(a);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return asCapable(capable, wt);
        }

        @Override
        PerformanceStats performance(String agentId, String wt) {
            try (PreparedStatement counts = db.prepareStatement(
                    "SELECT success_count, failure_count FROM bench_performance WHERE agent_id = ? AND work_type = ?");
                 PreparedStatement recent = db.prepareStatement(
                         "SELECT last_execution_at FROM bench_performance WHERE agent_id = ? AND work_type = ?")) {
                counts.setString(1, agentId);
                counts.setString(2, wt);
                recent.setString(1, agentId);
                recent.setString(2, wt);
                long ok = 0;
                long failed = 0;
                Instant last = null;
                try (ResultSet rs = counts.executeQuery()) {
                    if (rs.next()) {
                        ok = rs.getLong(1);
                        failed = rs.getLong(2);
                    }
                }
                try (ResultSet rs = recent.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) {
                        last = rs.getTimestamp(1).toInstant();
                    }
                }
                return new PerformanceStats(ok, failed, last);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        int load(String agentId, Instant from, Instant to) {
            try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM bench_decisions WHERE"
                    + " selected_agent_id = ? AND outcome = 'ASSIGNED' AND created_at BETWEEN ? AND ?")) {
                q.setString(1, agentId);
                q.setTimestamp(2, Timestamp.from(from));
                q.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The best a database-centred design does: one query per decision, load counted in it. */
    private final class OneQuery extends AllAlive {
        private final List<AgentSnapshot> capable = new ArrayList<>();
        private final Map<String, PerformanceStats> performance = new HashMap<>();
        private final Map<String, Integer> load = new HashMap<>();

        OneQuery(String pool, String workType, Instant at) {
            try (PreparedStatement q = db.prepareStatement("SELECT a.*, p.success_count, p.failure_count,"
                    + " p.last_execution_at, (SELECT count(*) FROM bench_decisions d WHERE d.selected_agent_id ="
                    + " a.agent_id AND d.outcome = 'ASSIGNED' AND d.created_at BETWEEN ? AND ?) AS load"
                    + " FROM bench_agents a LEFT JOIN bench_performance p ON p.agent_id = a.agent_id"
                    + " AND p.work_type = ? WHERE a.pool_name = ? AND ? = ANY (a.capabilities)")) {
                q.setTimestamp(1, Timestamp.from(at.minus(policy.loadWindow())));
                q.setTimestamp(2, Timestamp.from(at));
                q.setString(3, workType);
                q.setString(4, pool);
                q.setString(5, workType);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        AgentSnapshot a = snapshot(rs);
                        capable.add(a);
                        Timestamp last = rs.getTimestamp("last_execution_at");
                        performance.put(a.agentId(), new PerformanceStats(rs.getLong("success_count"),
                                rs.getLong("failure_count"), last == null ? null : last.toInstant()));
                        load.put(a.agentId(), rs.getInt("load"));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<CapableAgent> capableAgents(String workType) {
            return asCapable(capable, workType);
        }

        @Override
        PerformanceStats performance(String agentId, String workType) {
            return performance.getOrDefault(agentId, PerformanceStats.NONE);
        }

        @Override
        int load(String agentId, Instant from, Instant to) {
            return load.getOrDefault(agentId, 0);
        }
    }
}
