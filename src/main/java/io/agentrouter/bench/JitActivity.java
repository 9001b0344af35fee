package io.agentrouter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU seconds spent by a JVM's JIT compiler threads, read from /proc. On two shared cores C2 keeps
 * compiling (and recompiling after deoptimizations) for about a minute of load; until it is quiet,
 * a measurement says more about the compiler than about the system.
 */
final class JitActivity {

    private JitActivity() {
    }

    /** User plus system CPU seconds of the "C1/C2 CompilerThread" threads of process {@code pid}. */
    static double compilerSeconds(long pid) {
        double seconds = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        seconds += ChildJvm.cpuSecondsOf(thread.resolve("stat"));
                    }
                } catch (NoSuchFileException ended) {
                    // a compiler thread that ended between listing and reading
                }
            }
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }
}
