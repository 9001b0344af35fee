package io.agentrouter.local;

import io.agentrouter.config.StartupException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Where the audit tables live, and the migrations that create them. */
public record Database(String jdbcUrl, String user, String password) {

    /** Seconds a check waits for PostgreSQL to accept the connection and the login. */
    private static final int CHECK_TIMEOUT_SECONDS = 5;

    /** Applies the Flyway migrations in db/migration (idempotent). */
    public void migrate() {
        try {
            Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("---")).findFirst().orElse("");
            throw new StartupException("applying the schema (Flyway) to " + safeUrl() + " failed: " + message.strip());
        }
    }

    /** Connects once and fails in one line naming the URL (never the password) when PostgreSQL cannot be used. */
    public void check() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", Integer.toString(CHECK_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(CHECK_TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, props)) {
            // reachable, and the login works
        } catch (SQLException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
            throw new StartupException("cannot connect to PostgreSQL at " + safeUrl() + " as user '" + user + "': "
                    + reason + " Start it, or fix --pg-url, --pg-user and --pg-password"
                    + " (leave out --pg-url to use the embedded PostgreSQL).");
        }
    }

    /** The URL with any password parameter masked. */
    public String safeUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** The psql command line for this database. */
    public String psql() {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        String db = rest.substring(rest.indexOf('/') + 1).replaceAll("\\?.*", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        return "psql -h " + host + " -p " + port + " -U " + user + " " + db;
    }
}
