package io.agentrouter.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Real PostgreSQL binaries (from Maven Central, via zonky) started in a temporary folder. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Starts on a given port with its data in {@code dataDirectory}, kept across restarts. */
    public static EmbeddedPostgresServer start(java.nio.file.Path dataDirectory, int port) {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).setPort(port).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public Database database() {
        return new Database("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
