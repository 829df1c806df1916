package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.tck.AlertStoreContractTest;
import org.junit.jupiter.api.AfterAll;

/** The store contract on PostgreSQL, a fresh schema per test. */
class PostgresAlertStoreContractTest extends AlertStoreContractTest {
    private static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @AfterAll
    static void dropSchemas() throws Exception {
        POSTGRES.dropSchemas();
    }

    @Override
    protected AlertStore newStore() {
        PostgresTestDatabase.requireConfigured(); // the contract opens the store before anything of ours runs
        return POSTGRES.newStore();
    }
}
