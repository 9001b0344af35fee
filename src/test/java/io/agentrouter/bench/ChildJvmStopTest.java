package io.agentrouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark stopped by a signal does not leave its measured JVM running. */
class ChildJvmStopTest {

    /**
     * A parent JVM: starts a child that waits forever, whatever happens to the parent's pipes (it opens a
     * FIFO that nobody writes to as its scenario), and prints the child's pid.
     */
    public static void main(String[] args) throws Exception {
        ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), List.of("score", "--scenario", args[1]),
                Path.of(args[0]));
        System.out.println(child.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void aParentStoppedBySigtermStopsItsChild(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("scenario.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), ChildJvmStopTest.class.getName(),
                dir.resolve("child.log").toString(), fifo.toString()).redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            childPid = Long.parseLong(out.readLine().trim());
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        try {
            parent.destroy(); // SIGTERM, as kill or Ctrl-C would send
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child " + childPid + " after its parent stopped: "
                    + (Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : ""))
                    .isFalse();
        } finally {
            child.destroyForcibly(); // when the test fails, not the next one's problem
        }
    }
}
