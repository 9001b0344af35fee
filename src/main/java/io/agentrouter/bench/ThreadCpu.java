package io.agentrouter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds of a JVM's threads by kind, read from /proc. The process total mixes the work measured
 * with the JIT compilers and the collector, whose share moves from run to run on two shared cores;
 * comparing builds by the stream threads alone is steadier.
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

    /** One thread's kind and its CPU seconds so far. */
    record Sample(Kind kind, double seconds) {
    }

    private ThreadCpu() {
    }

    /** User plus system CPU seconds of process {@code pid}'s live threads, by thread id (empty when it is gone). */
    static Map<String, Sample> read(long pid) {
        Map<String, Sample> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : tasks) {
                try {
                    Kind kind = Kind.of(Files.readString(thread.resolve("comm")).strip());
                    threads.put(thread.getFileName().toString(),
                            new Sample(kind, ChildJvm.cpuSecondsOf(thread.resolve("stat"))));
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
    static Map<Kind, Double> since(Map<String, Sample> before, Map<String, Sample> after) {
        Map<Kind, Double> spent = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            spent.put(kind, 0.0);
        }
        after.forEach((thread, now) -> {
            Sample then = before.get(thread);
            spent.merge(now.kind(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        return spent;
    }
}
