package io.agentrouter.bench;

import io.agentrouter.cli.AgentRouterCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of this jar's commands in a JVM of its own, so its memory and CPU are measured apart from the
 * benchmark's broker and load generators (read from /proc).
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Thread stopOnExit;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        // a benchmark stopped by a signal (Ctrl-C, kill) takes its child with it instead of leaving it
        // running and using CPU beside the next run; SIGKILL cannot be caught
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-child-jvm-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static ChildJvm start(String heap, List<String> args, Path log) throws IOException {
        return start(List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseParallelGC"), args, log);
    }

    /** Starts {@code java <jvmOptions> -cp <this classpath> AgentRouterCli <args>}, output to {@code log}. */
    public static ChildJvm start(List<String> jvmOptions, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentRouterCli.class.getName()));
        String extra = System.getenv("AGENT_ROUTER_BENCH_JVM_OPTS"); // e.g. a JFR recording for profiling
        if (extra != null && !extra.isBlank()) {
            command.addAll(command.size() - 1, List.of(extra.trim().split("\\s+")));
        }
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    public void awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("child exited " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("child did not print '" + text + "' within " + timeout);
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        forgetStopOnExit();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    long pid() {
        return process.pid();
    }

    /** Peak resident set size in MB (VmHWM). */
    double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** User plus system CPU seconds so far. */
    double cpuSeconds() throws IOException {
        return cpuSecondsOf(Path.of("/proc", Long.toString(pid()), "stat"));
    }

    /** User plus system CPU seconds from a /proc {@code stat} file (of a process or of one thread). */
    static double cpuSecondsOf(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** SIGTERM and wait: the graceful path. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        forgetStopOnExit();
    }

    private void forgetStopOnExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to forget
        }
    }
}
