package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's main command: everything starts, routes, writes rows to PostgreSQL and stops cleanly. */
class LocalModeTest {

    @Test
    void startsRoutesWritesRowsAndStops() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        long rows;
        long started = System.nanoTime();
        try (LocalMode local = LocalMode.start(new LocalMode.Options(0, null, 30, Path.of("target/connect-plugins"),
                Duration.ofSeconds(1)), Map.of(), out)) {
            assertThat(local.startup()).isLessThan(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((local.rowsInPostgres() < 50 || local.decisionsSeen() < 50) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            rows = local.rowsInPostgres();
            assertThat(local.decisionsSeen()).isGreaterThanOrEqualTo(50);
            assertThat(rows).isGreaterThanOrEqualTo(50);
            assertThat(local.rowsIn("agent_registry")).as("registry sink").isEqualTo(9);
            assertThat(local.rowsIn("agent_performance")).as("performance sink").isPositive();
            System.out.printf("local: started in %d ms, %d decisions seen, %d rows in PostgreSQL after %d ms%n",
                    local.startup().toMillis(), local.decisionsSeen(), rows,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Agent Router is running locally", "jdbc:postgresql://", "decisions/s",
                "rows in PostgreSQL", "Selected based on");
        // the work type to pool map in force, among the start-up lines; no other group reads its fresh broker
        assertThat(text).contains("  work types   deploy_service -> infra_pool_1, restart_service -> infra_pool_1,"
                + " review_code -> code_pool, run_tests -> code_pool, summarize_paper -> research_pool")
                .doesNotContain("warning:");
    }
}
