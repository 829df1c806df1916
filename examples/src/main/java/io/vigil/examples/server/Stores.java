package io.vigil.examples.server;

import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.InMemoryAlertStore;
import io.vigil.alerting.store.jdbc.JdbcAlertStore;
import io.vigil.alerting.store.jdbc.StoreException;
import io.vigil.examples.server.config.ConfigException;
import io.vigil.examples.server.config.ConfigProblem;
import io.vigil.examples.server.config.ServerConfig.StoreType;
import io.vigil.examples.server.config.ServerConfig.StoreConfig;

import java.nio.file.Path;

/** Opens the store the configuration names. */
final class Stores {
    static final String SQLITE_FILE = "vigil.db";

    private Stores() {
    }

    /** Where the SQLite file is: {@code store.path}, else {@value #SQLITE_FILE} in the data directory. */
    static Path sqliteFile(StoreConfig config, Path dataDir) {
        return config.path() != null ? config.path() : dataDir.resolve(SQLITE_FILE);
    }

    /**
     * Opens (and migrates) the store; the caller closes it. A database that cannot be opened is
     * reported under the key that names it.
     */
    static AlertStore open(StoreConfig config, Path dataDir) {
        try {
            return switch (config.type()) {
                case MEMORY -> new InMemoryAlertStore();
                case SQLITE -> JdbcAlertStore.sqlite(sqliteFile(config, dataDir)).build();
                case POSTGRES -> JdbcAlertStore.postgres(config.url(), config.user(), config.password()).build();
            };
        } catch (StoreException e) {
            // The store's messages never carry the password.
            throw new ConfigException(new ConfigProblem(config.type() == StoreType.POSTGRES ? "store.url"
                    : config.path() != null ? "store.path" : "data.dir", "", e.getMessage()));
        }
    }

    /** How the banner describes the store. */
    static String describe(StoreConfig config, Path dataDir) {
        return switch (config.type()) {
            case MEMORY -> "in memory (nothing survives a restart)";
            case SQLITE -> "SQLite " + sqliteFile(config, dataDir);
            case POSTGRES -> "PostgreSQL " + config.url();
        };
    }
}
