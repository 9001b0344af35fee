package io.agentrouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentrouter.bench.ThreadCpu.HarnessKind;
import io.agentrouter.bench.ThreadCpu.Kind;
import io.agentrouter.bench.ThreadCpu.Sample;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsAreToldApartByTheNameTheKernelKeeps() {
        assertThat(Kind.of("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(Kind.of("C1 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(Kind.of("kafka-producer-")).isEqualTo(Kind.PRODUCER_IO);
        assertThat(Kind.of("GC Thread#1")).isEqualTo(Kind.GC_AND_VM);
        assertThat(Kind.of("VM Thread")).isEqualTo(Kind.GC_AND_VM);
        assertThat(Kind.of("bench-router-12")).isEqualTo(Kind.STREAM_AND_OTHER); // a stream thread's name, cut
    }

    @Test
    void theBenchmarksOwnThreadsAreBrokerOrLoad() {
        assertThat(HarnessKind.of("data-plane-kafk")).isEqualTo(HarnessKind.BROKER_AND_OTHER);
        assertThat(HarnessKind.of("TxnMarkerSender")).isEqualTo(HarnessKind.BROKER_AND_OTHER);
        assertThat(HarnessKind.of("group-coordinat")).isEqualTo(HarnessKind.BROKER_AND_OTHER);
        assertThat(HarnessKind.of("java")).isEqualTo(HarnessKind.LOAD_AND_WATCH); // main: sends the tasks
        assertThat(HarnessKind.of("bench-watcher")).isEqualTo(HarnessKind.LOAD_AND_WATCH);
        assertThat(HarnessKind.of("kafka-producer-")).isEqualTo(HarnessKind.LOAD_AND_WATCH);
        assertThat(HarnessKind.of("C2 CompilerThre")).isEqualTo(HarnessKind.JIT);
        assertThat(HarnessKind.of("GC Thread#0")).isEqualTo(HarnessKind.GC_AND_VM);
    }

    @Test
    void theMachinesBusyTimeGrowsWithWork() {
        double before = ThreadCpu.machineBusySeconds();
        long end = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin++;
        }
        assertThat(spin).isPositive();
        assertThat(ThreadCpu.machineBusySeconds() - before).isGreaterThanOrEqualTo(0.2);
    }

    @Test
    void whatEachKindSpentIsCountedThreadByThread() {
        Map<String, Sample<Kind>> before = Map.of("11", new Sample<>(Kind.JIT, 5.0),
                "12", new Sample<>(Kind.STREAM_AND_OTHER, 1.0));
        // compiler thread 11 ended in between (its 5 s must not be taken off), 13 started
        Map<String, Sample<Kind>> after = Map.of("12", new Sample<>(Kind.STREAM_AND_OTHER, 3.5),
                "13", new Sample<>(Kind.JIT, 0.5));

        Map<Kind, Double> spent = ThreadCpu.since(Kind.class, before, after);
        assertThat(spent).containsOnlyKeys(Kind.values());
        assertThat(spent.get(Kind.STREAM_AND_OTHER)).isEqualTo(2.5);
        assertThat(spent.get(Kind.JIT)).isEqualTo(0.5);
        assertThat(spent.get(Kind.PRODUCER_IO)).isZero();
    }

    @Test
    void readsThisJvmsThreads() {
        Map<String, Sample<Kind>> threads = ThreadCpu.read(ProcessHandle.current().pid());
        assertThat(threads).isNotEmpty();
        assertThat(threads.values()).allSatisfy(t -> assertThat(t.seconds()).isNotNegative());
        assertThat(ThreadCpu.read(Long.MAX_VALUE)).isEmpty(); // no such process
    }
}
