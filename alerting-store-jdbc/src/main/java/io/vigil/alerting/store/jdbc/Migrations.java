package io.vigil.alerting.store.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;

/**
 * Brings the schema to the newest version with Flyway before the store serves anything. The
 * scripts live in {@code io/vigil/alerting/store/jdbc/migration}; the history table is named
 * {@code vigil_schema_history} so that it cannot clash with a host application's own Flyway.
 * On PostgreSQL Flyway takes an advisory lock, so instances starting together migrate once.
 */
final class Migrations {
    static final String LOCATION = "classpath:io/vigil/alerting/store/jdbc/migration";
    static final String HISTORY_TABLE = "vigil_schema_history";

    private Migrations() {
    }

    /** Applies pending migrations; {@code schema} (PostgreSQL only) is created if missing, or {@code null}. */
    static void apply(DataSource dataSource, Dialect dialect, String schema, String knownSecret) {
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                .placeholders(dialect.migrationPlaceholders());
        if (schema != null) {
            config.schemas(schema);
        }
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("applying the store's schema migrations failed: "
                    + StoreException.scrub(String.valueOf(e.getMessage()), knownSecret),
                    StoreException.DriverFailure.of(e, knownSecret));
        }
    }
}
