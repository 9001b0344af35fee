package io.agentrouter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
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

    private ThreadCpu() {
    }

    /** User plus system CPU seconds of process {@code pid}'s live threads, by kind (empty when it is gone). */
    static Map<Kind, Double> of(long pid) {
        Map<Kind, Double> seconds = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            seconds.put(kind, 0.0);
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    Kind kind = Kind.of(Files.readString(thread.resolve("comm")).strip());
                    seconds.merge(kind, ChildJvm.cpuSecondsOf(thread.resolve("stat")), Double::sum);
                } catch (NoSuchFileException ended) {
                    // a thread that ended between listing and reading
                }
            }
        } catch (NoSuchFileException gone) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    /** CPU seconds of the JIT compiler threads of process {@code pid}. */
    static double compilerSeconds(long pid) {
        return of(pid).getOrDefault(Kind.JIT, 0.0);
    }

    /** What each kind spent between two readings of the same process. */
    static Map<Kind, Double> since(Map<Kind, Double> before, Map<Kind, Double> after) {
        Map<Kind, Double> spent = new EnumMap<>(Kind.class);
        after.forEach((kind, seconds) -> spent.put(kind, seconds - before.getOrDefault(kind, 0.0)));
        return spent;
    }
}
