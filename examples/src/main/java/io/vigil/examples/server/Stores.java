package io.vigil.examples.server;

import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.InMemoryAlertStore;
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

    static AlertStore open(StoreConfig config, Path dataDir) {
        return switch (config.type()) {
            case MEMORY -> new InMemoryAlertStore();
            case SQLITE, POSTGRES -> throw new UnsupportedOperationException("store.type " + config.type());
        };
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
