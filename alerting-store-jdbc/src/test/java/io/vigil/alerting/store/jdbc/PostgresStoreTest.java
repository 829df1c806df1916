package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** PostgreSQL specifics: schemas, migrations applied once, a wrong password reported without it. */
class PostgresStoreTest {
    private static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @BeforeEach
    void requireServer() {
        PostgresTestDatabase.requireConfigured();
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        POSTGRES.dropSchemas();
    }

    @Test
    void theSchemaIsCreatedAndMigratedOnceWhenTwoInstancesOpenIt() throws Exception {
        String schema = POSTGRES.newSchema();
        try (JdbcAlertStore first = open(schema); JdbcAlertStore second = open(schema)) {
            first.saveEngineState("from first");
            assertThat(second.loadEngineState()).contains("from first");
        }

        try (Connection c = POSTGRES.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + schema + ".vigil_schema_history"
                     + " WHERE success AND version IS NOT NULL")) { // Flyway also logs creating the schema
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void idsAndNamesAreDeclaredWithTheCCollation() throws Exception {
        String schema = POSTGRES.newSchema();
        open(schema).close();

        try (Connection c = POSTGRES.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name || '.' || column_name FROM information_schema.columns"
                     + " WHERE table_schema = '" + schema + "' AND collation_name = 'C' ORDER BY 1")) {
            StringBuilder columns = new StringBuilder();
            while (rs.next()) {
                columns.append(rs.getString(1)).append(' ');
            }
            assertThat(columns.toString()).contains("rules.id", "rules.name", "alert_records.id", "notifications.id",
                    "inbox_messages.recipient");
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() {
        StoreException e = catchThrowableOfType(StoreException.class, () -> JdbcAlertStore
                .postgres(PostgresTestDatabase.URL, PostgresTestDatabase.USER, Secret.of("wrong-pass-987")).build());

        assertThat(e.getMessage()).contains("password authentication failed");
        assertThat(StoreExceptionTest.stackTraceOf(e)).doesNotContain("wrong-pass-987");
    }

    private static JdbcAlertStore open(String schema) {
        return JdbcAlertStore.postgres(PostgresTestDatabase.URL, PostgresTestDatabase.USER,
                PostgresTestDatabase.password()).schema(schema).poolSize(2).build();
    }
}
