package io.agentrouter.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/** Where the audit tables live, and the migrations that create them. */
public record Database(String jdbcUrl, String user, String password) {

    /** Applies the Flyway migrations in db/migration (idempotent). */
    public void migrate() {
        Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").load().migrate();
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
