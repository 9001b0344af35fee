package io.agentrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.AgentStatus;
import io.agentrouter.model.AgentType;
import io.agentrouter.model.WorkTask;
import io.agentrouter.model.internal.OpenTask;
import io.agentrouter.routing.CapableAgent;
import io.agentrouter.routing.PerformanceStats;
import io.agentrouter.serde.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The pool router's in-memory mirrors: built from what a restored store holds (as at init after a
 * restore), they answer what the store says, and every change writes through to the store, so a
 * mirror built later from the same store answers the same.
 */
class StateMirrorsTest {

    private final MockProcessorContext<String, Emit> context = new MockProcessorContext<>();

    private <S extends org.apache.kafka.streams.processor.StateStore> S open(StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** The pool-state store, as the topology builds it (without its changelog). */
    private final KeyValueStore<String, byte[]> state = open(RouterStores.poolState());

    private KeySpace space(KeySpace.Kind kind) {
        return KeySpace.of(state, kind);
    }

    private static List<String> keys(KeySpace space) {
        List<String> keys = new ArrayList<>();
        space.forEach((key, value) -> keys.add(key.replace(Keys.SEP, '|')));
        return keys;
    }

    @Test
    void kindsShareTheStoreWithoutSeeingEachOther() {
        KeySpace members = space(KeySpace.Kind.MEMBER);
        KeySpace capable = space(KeySpace.Kind.CAPABLE);
        members.put(Keys.of("p1", "a"), new byte[] {1});
        capable.put(Keys.of("p1", "a"), new byte[] {2});
        capable.put(Keys.of("p1", "b"), new byte[] {3});

        assertThat(keys(members)).containsExactly("p1|a");
        assertThat(keys(capable)).containsExactly("p1|a", "p1|b");
        members.delete(Keys.of("p1", "a"));
        assertThat(keys(members)).isEmpty();
        assertThat(keys(capable)).containsExactly("p1|a", "p1|b");
        assertThat(keys(space(KeySpace.Kind.OPEN_TASK))).isEmpty();
        assertThat(state.approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void capabilityIndexAnswersFromWhatTheStoreHeldAndWritesThrough() {
        KeySpace store = space(KeySpace.Kind.CAPABLE);
        store.put(Keys.of("p1", "code", "b"), new byte[0]);
        store.put(Keys.of("p1", "code", "a"), new byte[0]);
        store.put(Keys.of("p1", "review", "c"), new byte[0]);
        store.put(Keys.of("p2", "code", "d"), new byte[0]);
        PoolMembers members = members("a", "b", "c", "d");

        CapabilityIndex index = capabilities(store, members);
        assertThat(ids(index.agents("p1", "code"))).containsExactly("a", "b");
        assertThat(index.agents("p2", "review")).isEmpty();

        index.add("p1", "code", "c");
        index.remove("p1", "code", "a");
        index.remove("p1", "review", "c");
        assertThat(keys(store)).containsExactly("p1|code|b", "p1|code|c", "p2|code|d");
        assertThat(ids(capabilities(store, members).agents("p1", "code"))).containsExactly("b", "c");
    }

    @Test
    void capableAgentsReadTheirMemberPerformanceAndLoadAsTheyChange() {
        PoolMembers members = members("a");
        PerformanceMirror performance = new PerformanceMirror(space(KeySpace.Kind.PERFORMANCE));
        LoadIndex load = new LoadIndex(loadStore(), Duration.ofHours(2).toMillis());
        CapabilityIndex index = new CapabilityIndex(space(KeySpace.Kind.CAPABLE), members, performance, load);
        index.add("p1", "code", "a");
        index.add("p1", "code", "not-a-member"); // only members are capable
        CapableAgent a = index.agents("p1", "code").iterator().next();
        assertThat(index.agents("p1", "code")).hasSize(1);
        Instant t = Instant.parse("2026-01-19T17:30:00Z");
        assertThat(a.performance()).isEqualTo(PerformanceStats.NONE);
        assertThat(a.load(t, t.plusSeconds(60))).isZero();

        members.put("p1", agent("a", "p1", AgentStatus.BUSY));
        performance.put(AgentPerformance.newBuilder().setAgentId("a").setWorkType("code").setSuccessCount(3)
                .setFailureCount(1).setLastExecutionAt(t).build());
        load.add("a", t.plusSeconds(1).toEpochMilli());
        assertThat(a.snapshot().status()).isEqualTo(AgentStatus.BUSY);
        assertThat(a.performance()).isEqualTo(new PerformanceStats(3, 1, t));
        assertThat(a.load(t, t.plusSeconds(60))).isEqualTo(1);
    }

    private PoolMembers members(String... ids) {
        PoolMembers members = new PoolMembers(space(KeySpace.Kind.MEMBER));
        for (String id : ids) {
            members.put(id.equals("d") ? "p2" : "p1", agent(id, id.equals("d") ? "p2" : "p1", AgentStatus.ONLINE));
        }
        return members;
    }

    private CapabilityIndex capabilities(KeySpace store, PoolMembers members) {
        return new CapabilityIndex(store, members, new PerformanceMirror(space(KeySpace.Kind.PERFORMANCE)), null);
    }

    private static List<String> ids(Collection<? extends CapableAgent> agents) {
        return agents.stream().map(a -> a.snapshot().agentId()).toList();
    }

    @Test
    void poolMembersAreGroupedByPoolWithTheirSnapshots() {
        KeySpace store = space(KeySpace.Kind.MEMBER);
        store.put(Keys.of("p1", "a"), AvroSerde.of(AgentRecord.class).encode(agent("a", "p1", AgentStatus.ONLINE)));

        PoolMembers members = new PoolMembers(store);
        assertThat(members.of("p1")).containsOnlyKeys("a");
        assertThat(members.of("p1").get("a").snapshot().status()).isEqualTo(AgentStatus.ONLINE);

        AgentRecord previous = members.put("p1", agent("a", "p1", AgentStatus.BUSY));
        assertThat(previous.getStatus()).isEqualTo(AgentStatus.ONLINE);
        members.put("p2", agent("b", "p2", AgentStatus.ONLINE));
        assertThat(members.remove("p1", "missing")).isNull();

        PoolMembers reloaded = new PoolMembers(store);
        assertThat(reloaded.of("p1").get("a").snapshot().status()).isEqualTo(AgentStatus.BUSY);
        assertThat(reloaded.of("p2")).containsOnlyKeys("b");
        assertThat(reloaded.remove("p2", "b").getAgentId()).isEqualTo("b");
        assertThat(new PoolMembers(store).of("p2")).isEmpty();
    }

    @Test
    void performanceMirrorHoldsTheScoringInputsOfEachRow() {
        KeySpace store = space(KeySpace.Kind.PERFORMANCE);
        AvroSerde<AgentPerformance> format = AvroSerde.of(AgentPerformance.class);
        Instant last = Instant.parse("2026-01-19T17:00:00Z");
        AgentPerformance row = AgentPerformance.newBuilder().setAgentId("a").setWorkType("code").setSuccessCount(8)
                .setFailureCount(2).setLastExecutionAt(last).build();
        store.put(Keys.of("a", "code"), format.encode(row));

        PerformanceMirror mirror = new PerformanceMirror(store);
        PerformanceMirror.Slot slot = mirror.slot("a", "code");
        assertThat(slot.stats()).isEqualTo(new PerformanceStats(8, 2, last));
        assertThat(mirror.slot("a", "review").stats()).isEqualTo(PerformanceStats.NONE);
        assertThat(mirror.get("a", "review")).isNull();

        row.setSuccessCount(9);
        byte[] encoded = mirror.put(row);
        assertThat(format.decode(encoded)).isEqualTo(row); // the bytes the topic gets
        assertThat(slot.stats().successCount()).isEqualTo(9); // the same slot, updated in place
        assertThat(new PerformanceMirror(store).get("a", "code").getSuccessCount()).isEqualTo(9);
    }

    /** The load store as the topology builds it, in memory and without its changelog. */
    private KeyValueStore<Bytes, byte[]> loadStore() {
        return open(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RouterStores.POOL_LOAD), Serdes.Bytes(),
                Serdes.ByteArray()));
    }

    @Test
    void loadCountsSurviveARebuildFromTheStore() {
        KeyValueStore<Bytes, byte[]> store = loadStore();
        long keep = Duration.ofHours(2).toMillis();
        LoadIndex load = new LoadIndex(store, keep);
        long t = Instant.parse("2026-01-19T17:30:00Z").toEpochMilli();
        load.add("a", t);
        load.add("a", t); // same millisecond: both count
        load.add("a", t + 1_000);
        load.add("b", t + 2_000);
        load.add("ab", t - 5); // an id that starts with another's reads only its own

        // the first decision to an agent reads its history back from the store: it must not count twice
        assertThat(load.count("a", t, t + 1_000)).isEqualTo(3);
        assertThat(load.count("a", t + 1, t + 1_000)).isEqualTo(1);
        assertThat(load.count("a", t - 10, t - 1)).isZero();

        LoadIndex rebuilt = new LoadIndex(store, keep); // a new processor after a restore
        assertThat(rebuilt.count("a", t, t + 1_000)).isEqualTo(3);
        assertThat(rebuilt.count("b", t, t + 2_000)).isEqualTo(1);
        assertThat(rebuilt.count("ab", t - 10, t)).isEqualTo(1);
        assertThat(rebuilt.count("nobody", t, t + 2_000)).isZero();
    }

    @Test
    void theStoreKeepsExactlyWhatTheLiveCountKeepsPerAgent() {
        java.util.Random random = new java.util.Random(5);
        KeyValueStore<Bytes, byte[]> store = loadStore();
        long keep = 100;
        LoadIndex live = new LoadIndex(store, keep);
        long now = 1_000;
        for (int i = 0; i < 2_000; i++) {
            now += random.nextInt(10) == 0 ? -random.nextInt(20) : random.nextInt(8); // forward, now and then back
            // agent c goes quiet early while the others carry on far past its history
            String agent = i < 200 ? "abc".substring(random.nextInt(3)).substring(0, 1) : random.nextBoolean() ? "a" : "b";
            live.add(agent, now);
        }
        LoadIndex restored = new LoadIndex(store, keep);
        for (String agent : List.of("a", "b", "c")) {
            for (long from = 0; from < now + 10; from += 7) {
                assertThat(restored.count(agent, from, from + 60)).as("%s [%d, %d]", agent, from, from + 60)
                        .isEqualTo(live.count(agent, from, from + 60));
            }
        }
        assertThat(live.count("c", Long.MIN_VALUE, Long.MAX_VALUE)).as("a quiet agent keeps its last decisions").isPositive();
    }

    @Test
    void loadTimesCountAsABruteForceCountDoes() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            LoadIndex.Times times = new LoadIndex.Times();
            List<Long> all = new java.util.ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                long t = random.nextInt(50); // many equal times, some inserted out of order
                times.insert(t);
                all.add(t);
                if (random.nextInt(10) == 0) {
                    long cutoff = random.nextInt(30);
                    times.dropBefore(cutoff);
                    all.removeIf(kept -> kept < cutoff);
                }
            }
            for (int q = 0; q < 20; q++) {
                long from = random.nextInt(60) - 5;
                long to = from + random.nextInt(30) - 3;
                long expected = all.stream().filter(t -> t >= from && t <= to).count();
                assertThat(times.count(from, to)).as("round %d [%d, %d] of %s", round, from, to, all)
                        .isEqualTo((int) expected);
            }
        }
    }

    /** The router's pattern: windows sliding forward as decisions arrive, now and then a step back or a jump. */
    @Test
    void loadTimesCountAsABruteForceCountDoesWhileTheWindowSlides() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 100; round++) {
            LoadIndex.Times times = new LoadIndex.Times();
            List<Long> all = new java.util.ArrayList<>();
            long now = 0;
            long window = 5 + random.nextInt(40);
            for (int step = 0; step < 300; step++) {
                int move = random.nextInt(20);
                now += move == 0 ? -random.nextInt(10) : move == 1 ? random.nextInt(200) : random.nextInt(3);
                if (random.nextInt(3) == 0) {
                    times.insert(now);
                    all.add(now);
                    if (random.nextInt(5) == 0) {
                        long cutoff = now - 2 * window;
                        times.dropBefore(cutoff);
                        all.removeIf(kept -> kept < cutoff);
                    }
                }
                long from = now - window;
                long to = now;
                long expected = all.stream().filter(t -> t >= from && t <= to).count();
                assertThat(times.count(from, to)).as("round %d step %d [%d, %d]", round, step, from, to)
                        .isEqualTo((int) expected);
            }
        }
    }

    private static AgentRecord agent(String id, String pool, AgentStatus status) {
        return AgentRecord.newBuilder().setAgentId(id).setAgentType(AgentType.CODE).setPoolName(pool)
                .setCapabilities(List.of("code")).setSpecializations(List.of()).setStatus(status)
                .setLastHeartbeatAt(Instant.parse("2026-01-19T17:29:00Z")).build();
    }

    @Test
    void openAttemptsAnswerFromWhatTheStoreHeldAndWriteThrough() {
        KeySpace store = space(KeySpace.Kind.OPEN_TASK);
        AvroSerde<OpenTask> format = AvroSerde.of(OpenTask.class);
        store.put("t1", format.encode(attempt("t1", "a", 1_000)));
        store.put("t2", format.encode(attempt("t2", "a", 2_000)));
        store.put("t3", format.encode(attempt("t3", "b", 2_000)));

        OpenAttempts attempts = new OpenAttempts(store);
        assertThat(attempts.get("t2").getAgentId()).isEqualTo("a");
        assertThat(taskIds(attempts.heldBy("a"))).containsExactlyInAnyOrder("t1", "t2");
        assertThat(taskIds(attempts.dueBy(999))).isEmpty();
        assertThat(taskIds(attempts.dueBy(2_000))).containsExactly("t1", "t2", "t3"); // by deadline, then task id

        attempts.close(attempts.get("t1"));
        attempts.open(attempt("t4", "b", 500));
        assertThat(attempts.get("t1")).isNull();
        assertThat(keys(store)).containsExactlyInAnyOrder("t2", "t3", "t4");
        OpenAttempts rebuilt = new OpenAttempts(store);
        for (OpenAttempts view : List.of(attempts, rebuilt)) {
            assertThat(taskIds(view.heldBy("a"))).containsExactly("t2");
            assertThat(taskIds(view.heldBy("b"))).containsExactlyInAnyOrder("t3", "t4");
            assertThat(taskIds(view.dueBy(1_999))).containsExactly("t4");
        }
    }

    private static OpenTask attempt(String taskId, String agentId, long deadlineMs) {
        WorkTask task = WorkTask.newBuilder().setTaskId(taskId).setWorkType("code").setPoolName("p1")
                .setSubmittedAt(Instant.ofEpochMilli(0)).build();
        return new OpenTask(task, "p1", 0, "d-" + taskId, agentId, deadlineMs, List.of(), 0L);
    }

    private static List<String> taskIds(List<OpenTask> attempts) {
        return attempts.stream().map(a -> a.getTask().getTaskId()).toList();
    }
}
