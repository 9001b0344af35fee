package io.agentrouter.reliability;

import io.agentrouter.bench.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The router's {@code run} command in a JVM of its own, so it can be killed for real (SIGKILL). */
final class RouterProcess implements AutoCloseable {

    private final ChildJvm jvm;

    private RouterProcess(ChildJvm jvm) {
        this.jvm = jvm;
    }

    static RouterProcess start(String name, Map<String, String> settings, Path logDir) throws IOException {
        return start(name, settings, logDir, List.of());
    }

    static RouterProcess start(String name, Map<String, String> settings, Path logDir, List<String> jvmArgs)
            throws IOException {
        // java.io.tmpdir: RocksDB copies its 15 MB native library there and deletes it only on a normal exit,
        // so a killed router's copy lands in the test's folder instead of the machine's temp folder
        List<String> options = new ArrayList<>(List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + logDir.toAbsolutePath()));
        options.addAll(jvmArgs);
        List<String> args = new ArrayList<>(List.of("run"));
        settings.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        return new RouterProcess(ChildJvm.start(options, args, logDir.resolve(name + ".log")));
    }

    /** Waits for the line {@code run} prints once Kafka Streams is RUNNING. */
    void awaitRunning(Duration timeout) throws Exception {
        jvm.awaitLine("agent-router: running", timeout);
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    String output() throws IOException {
        return jvm.output();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public void close() throws Exception {
        jvm.close();
    }
}
