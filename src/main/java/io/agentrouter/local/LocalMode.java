package io.agentrouter.local;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.simulator.Fleet;
import io.agentrouter.simulator.FleetPlan;
import io.agentrouter.topology.RouterStreams;
import io.agentrouter.topology.SharedTasksTopicCheck;
import io.agentrouter.topology.StreamsProperties;
import io.agentrouter.topology.StreamsStartup;
import io.agentrouter.topology.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Everything on one machine: a KRaft broker, PostgreSQL with the audit schema, a Connect worker
 * running Debezium's JDBC sink on the audit, registry and performance topics, the router, and a
 * simulated fleet with task producers, plus a console that says what happens.
 */
public final class LocalMode implements AutoCloseable {

    /**
     * @param kafkaPort broker port, 0 for any free one
     * @param externalDatabase a PostgreSQL to use instead of the embedded one, or null
     * @param tasksPerSecond rate of the simulated producers
     */
    public record Options(int kafkaPort, Database externalDatabase, double tasksPerSecond, Path pluginPath,
                          Duration dashboardEvery) {
    }

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final PrintStream out;
    private Database database;
    private Dashboard dashboard;
    private Duration startup;

    private LocalMode(PrintStream out) {
        this.out = out;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static LocalMode start(Options options, Map<String, String> settings, PrintStream out) throws Exception {
        LocalMode local = new LocalMode(out);
        try {
            local.startAll(options, settings);
            return local;
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
    }

    private void startAll(Options options, Map<String, String> settings) throws Exception {
        long started = System.nanoTime();
        FleetPlan plan = FleetPlan.standard();

        step("Kafka broker (KRaft, in-process)");
        EmbeddedKafka kafka = keep(EmbeddedKafka.start(options.kafkaPort(), Map.of()));
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "kafka.application.id", "agent-router-local",
                "routing.work_type_pools", plan.workTypePools(),
                "routing.work_type_specializations", plan.workTypeSpecializations(),
                "topics.partitions", "3"));
        all.putAll(settings);
        all.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        RouterConfig config = RouterConfig.of(all);
        Topics topics = Topics.from(config);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, config);
        }

        if (options.externalDatabase() != null) {
            step("PostgreSQL (given by --pg-url)");
            database = options.externalDatabase();
        } else {
            step("PostgreSQL (embedded, real binaries)");
            database = keep(EmbeddedPostgresServer.start()).database();
        }
        database.migrate();

        step("Kafka Connect with Debezium's JDBC sink");
        String connectGroup = "agent-router-local-connect";
        ConnectWorker connect = keep(ConnectWorker.start(kafka.bootstrapServers(), options.pluginPath(),
                connectGroup));
        Map<String, Map<String, String>> sinks = SinkConnectors.all(config, database);
        Set<String> ownGroups = new HashSet<>(Set.of(connectGroup));
        sinks.keySet().forEach(name -> ownGroups.add("connect-" + name)); // Connect's group for a sink's tasks
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(SinkConnectors.deadLetterTopics(sinks).stream()
                    .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, 1, (short) 1)).toList()).all().get();
            SharedTasksTopicCheck.warning(admin, topics.tasks().name(), config.get(Setting.APPLICATION_ID), ownGroups,
                    SharedTasksTopicCheck.TIMEOUT).ifPresent(out::println);
        }
        for (Map.Entry<String, Map<String, String>> sink : sinks.entrySet()) {
            connect.deploy(sink.getKey(), sink.getValue(), Duration.ofSeconds(60));
        }

        step("router (Kafka Streams, exactly-once)");
        Properties props = StreamsProperties.from(config);
        if (!props.containsKey("state.dir")) { // a state folder of our own: deleted when local mode stops
            java.nio.file.Path stateDir = java.nio.file.Files.createTempDirectory("agent-router-state-");
            props.put("state.dir", stateDir.toString());
            keep(() -> EmbeddedKafka.deleteQuietly(stateDir));
        }
        KafkaStreams streams = RouterStreams.create(config, props);
        keep(() -> streams.close(Duration.ofSeconds(10)));
        streams.start();
        StreamsStartup.awaitRunning(streams, Duration.ofSeconds(60));

        step("simulated fleet: " + plan.agents().size() + " agents in 3 pools, " + options.tasksPerSecond()
                + " tasks/s");
        keep(Fleet.start(kafka.bootstrapServers(), topics, plan, options.tasksPerSecond()));
        startup = Duration.ofNanos(System.nanoTime() - started);

        out.printf("%nAgent Router is running locally (started in %.1f s). Where to look:%n",
                startup.toMillis() / 1000.0);
        out.printf("  Kafka        %s%n", kafka.bootstrapServers());
        out.printf("  topics       %s%n", topics.all().stream().map(Topic::name).collect(Collectors.joining(", ")));
        out.printf("  work types   %s%n", workTypePools(config));
        out.printf("  PostgreSQL   %s  (user %s, password %s)%n", database.jdbcUrl(), database.user(),
                database.password());
        out.printf("               %s -c 'SELECT task_id, selected_agent_id, score, reason FROM routing_decisions"
                + " ORDER BY created_at DESC LIMIT 10'%n", database.psql());
        out.printf("  Connect      %s/connectors%n", connect.restUrl());
        out.printf("  replay       java -jar target/agent-router.jar replay --bootstrap %s%n",
                kafka.bootstrapServers());
        out.printf("Press Ctrl-C to stop.%n%n");
        dashboard = keep(new Dashboard(kafka.bootstrapServers(), topics, out, this::rowsInPostgres,
                options.dashboardEvery()));
    }

    /** The work type to pool map in force, as local mode prints it; other work types are rejected. */
    static String workTypePools(RouterConfig config) {
        Map<String, String> pools = new java.util.TreeMap<>(config.get(Setting.WORK_TYPE_POOLS)); // a stable order
        String map = pools.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue())
                .collect(Collectors.joining(", "));
        return (map.isEmpty() ? "none mapped" : map) + " (a task naming no pool and another work type is rejected)";
    }

    public Database database() {
        return database;
    }

    public Duration startup() {
        return startup;
    }

    public long decisionsSeen() {
        return dashboard == null ? 0 : dashboard.decisions();
    }

    /** Rows in routing_decisions, or -1 when PostgreSQL cannot be asked. */
    public long rowsInPostgres() {
        return rowsIn("routing_decisions");
    }

    /** Rows in one of the sink's tables, or -1 when PostgreSQL cannot be asked. */
    public long rowsIn(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try (Connection db = database.connect(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private void step(String what) {
        out.println("starting " + what + " ...");
        out.flush();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.push(resource);
        return resource;
    }

    /** Stops everything, newest first. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                out.println("while stopping: " + e);
            }
        }
    }
}
