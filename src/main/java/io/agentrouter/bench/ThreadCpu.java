package io.agentrouter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CPU seconds of a JVM's threads by kind, and of the whole machine, read from /proc. The process total
 * mixes the work measured with the JIT compilers and the collector, whose share moves from run to run
 * on two shared cores; comparing builds by the stream threads alone is steadier. The benchmark's own
 * JVM (the in-process broker, the load and the measuring consumers) is read the same way, by its own
 * kinds: on two shared cores what the broker spends per decision limits the router as much as the
 * router's own work does (docs/PERFORMANCE.md).
 */
final class ThreadCpu {

    /** Kinds of thread, told apart by the name the kernel keeps (the first 15 characters). */
    enum Kind {
        /** The Kafka Streams threads and everything not named below (the main thread, the state updater). */
        STREAM_AND_OTHER("stream_and_other"),
        /** The producers' network threads: sending batches and reading acknowledgements. */
        PRODUCER_IO("producer_io"),
        /** The C1 and C2 compiler threads. On two shared cores C2 keeps compiling for about a minute of load. */
        JIT("jit"),
        /** The garbage collector's threads and the VM thread (safepoint operations). */
        GC_AND_VM("gc_and_vm");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String comm) {
            if (comm.contains("CompilerThre")) {
                return JIT;
            }
            if (comm.startsWith("kafka-producer-")) {
                return PRODUCER_IO;
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("ParGC") || comm.startsWith("G1 ")
                    || comm.startsWith("VM Thread")) {
                return GC_AND_VM;
            }
            return STREAM_AND_OTHER;
        }
    }

    /** Kinds of thread of the benchmark's JVM. */
    enum HarnessKind {
        /** The in-process broker's threads (request handlers, network, coordinators, purgatories), and the
         *  few JVM service threads; with --bootstrap the broker is elsewhere and this is nearly nothing. */
        BROKER_AND_OTHER("broker_and_other"),
        /** What the benchmark runs beside the broker: the task producer (main thread), the fleet, the measuring
         *  consumer and their producers' network threads. */
        LOAD_AND_WATCH("load_and_watch"),
        JIT("jit"),
        GC_AND_VM("gc_and_vm");

        private static final List<String> LOAD_THREADS = List.of("java", "bench-", "kafka-producer-", "pool-");

        final String label;

        HarnessKind(String label) {
            this.label = label;
        }

        static HarnessKind of(String comm) {
            Kind common = Kind.of(comm);
            if (common == Kind.JIT) {
                return JIT;
            }
            if (common == Kind.GC_AND_VM) {
                return GC_AND_VM;
            }
            return LOAD_THREADS.stream().anyMatch(comm::startsWith) ? LOAD_AND_WATCH : BROKER_AND_OTHER;
        }
    }

    /** One thread's kind and its CPU seconds so far. */
    record Sample<K extends Enum<K>>(K kind, double seconds) {
    }

    private ThreadCpu() {
    }

    /** The measured JVM's threads: see {@link #read(long, Function)}. */
    static Map<String, Sample<Kind>> read(long pid) {
        return read(pid, Kind::of);
    }

    /**
     * User plus system CPU seconds of process {@code pid}'s live threads, by thread id, each of the kind
     * {@code kindOf} gives its name (empty when the process is gone).
     */
    static <K extends Enum<K>> Map<String, Sample<K>> read(long pid, Function<String, K> kindOf) {
        Map<String, Sample<K>> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : tasks) {
                try {
                    K kind = kindOf.apply(Files.readString(thread.resolve("comm")).strip());
                    threads.put(thread.getFileName().toString(),
                            new Sample<>(kind, ChildJvm.cpuSecondsOf(thread.resolve("stat"))));
                } catch (NoSuchFileException ended) {
                    // a thread that ended between listing and reading
                }
            }
        } catch (NoSuchFileException gone) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return threads;
    }

    /**
     * What each kind spent between two readings of the same process, thread by thread: a thread
     * that ended in between (the JVM starts and stops compiler threads as it needs them) is missing
     * from the second reading and counts for nothing here, so the kinds can add up to less than the
     * process total, never to a negative figure.
     */
    static <K extends Enum<K>> Map<K, Double> since(Class<K> kinds, Map<String, Sample<K>> before,
                                                    Map<String, Sample<K>> after) {
        Map<K, Double> spent = new EnumMap<>(kinds);
        for (K kind : kinds.getEnumConstants()) {
            spent.put(kind, 0.0);
        }
        after.forEach((thread, now) -> {
            Sample<K> then = before.get(thread);
            spent.merge(now.kind(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        return spent;
    }

    /**
     * CPU seconds all cores of the machine have worked since boot: user, nice, system, irq and softirq
     * (not idle, I/O wait, or time the hypervisor gave to other guests).
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
