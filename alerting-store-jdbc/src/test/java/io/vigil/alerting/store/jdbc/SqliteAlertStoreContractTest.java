package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.tck.AlertStoreContractTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract on SQLite, a fresh database file per test. */
class SqliteAlertStoreContractTest extends AlertStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected AlertStore newStore() {
        return JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build();
    }
}
