package io.agentrouter.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary folders of a test JVM (Kafka Streams state, broker and router logs, database files),
 * deleted when the JVM exits, so a run of the suite leaves nothing in the machine's temp folder.
 */
public final class TestDirs {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDirs::deleteAll, "test-dirs-cleanup"));
    }

    private TestDirs() {
    }

    public static synchronized Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            CREATED.add(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary folder " + prefix + "*", e);
        }
    }

    private static synchronized void deleteAll() {
        CREATED.forEach(EmbeddedKafka::deleteQuietly);
    }
}
