package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.tck.AlertStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on PostgreSQL, a fresh schema per test. */
class PostgresAlertStoreContractTest extends AlertStoreContractTest {
    private static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @BeforeAll
    static void requireServer() {
        PostgresTestDatabase.requireConfigured();
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        POSTGRES.dropSchemas();
    }

    @Override
    protected AlertStore newStore() {
        return POSTGRES.newStore();
    }
}
