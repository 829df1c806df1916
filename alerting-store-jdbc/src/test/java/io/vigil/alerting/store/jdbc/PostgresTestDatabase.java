package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.Secret;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use, named by {@code VIGIL_TEST_PG_URL}, {@code VIGIL_TEST_PG_USER}
 * and {@code VIGIL_TEST_PG_PASSWORD} ({@code alerting-store-jdbc/ci-postgres.sh} sets one up and
 * prints them). Outside CI the PostgreSQL tests are skipped when none is configured; in CI
 * ({@code CI=true}) a missing server fails them. Each store gets its own schema, dropped at the end.
 */
final class PostgresTestDatabase {
    static final String URL = System.getenv("VIGIL_TEST_PG_URL");
    static final String USER = System.getenv("VIGIL_TEST_PG_USER");
    static final String PASSWORD = System.getenv("VIGIL_TEST_PG_PASSWORD");

    private static volatile boolean warned;

    private final List<String> schemas = new ArrayList<>();

    /** Skips (outside CI) or fails (in CI) when no PostgreSQL server is configured. */
    static void requireConfigured() {
        boolean configured = URL != null && !URL.isBlank() && USER != null;
        if (configured) {
            return;
        }
        String how = "set VIGIL_TEST_PG_URL, VIGIL_TEST_PG_USER and VIGIL_TEST_PG_PASSWORD"
                + " (eval \"$(bash alerting-store-jdbc/ci-postgres.sh)\" sets up a local server)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI runs the PostgreSQL store tests, but no server is configured: " + how);
        }
        String why = "PostgreSQL store tests skipped: no server configured outside CI; " + how;
        if (!warned) {
            warned = true;
            System.err.println("WARNING: " + why); // surefire's summary only counts skips; say why once
        }
        Assumptions.abort(why);
    }

    static Secret password() {
        return Secret.of(PASSWORD == null ? "" : PASSWORD);
    }

    /** A fresh schema name, remembered for {@link #dropSchemas()}. */
    String newSchema() {
        String schema = "vigil_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        schemas.add(schema);
        return schema;
    }

    /** A store in a fresh schema. */
    JdbcAlertStore newStore() {
        return JdbcAlertStore.postgres(URL, USER, password()).schema(newSchema()).poolSize(4).build();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    void dropSchemas() throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        schemas.clear();
    }
}
