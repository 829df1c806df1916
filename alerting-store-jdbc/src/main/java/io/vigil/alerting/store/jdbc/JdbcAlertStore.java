package io.vigil.alerting.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.spi.RuleQuery;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A durable {@link AlertStore} over JDBC: SQLite for a single process (the standalone server's
 * {@code ./data/vigil.db}), PostgreSQL when several Vigil instances share one store. The schema
 * is created and migrated on {@link Builder#build()}.
 *
 * <pre>{@code
 * try (JdbcAlertStore store = JdbcAlertStore.sqlite(Path.of("data/vigil.db")).build()) { ... }
 * JdbcAlertStore shared = JdbcAlertStore.postgres("jdbc:postgresql://db:5432/vigil", "vigil", password)
 *     .poolSize(8).build();
 * }</pre>
 *
 * <p>Updates are optimistic: {@code UPDATE ... SET ..., version = version + 1 WHERE id = ? AND
 * version = ?}; no row changed means a conflict (or a missing object), never a lost update.
 * Database failures surface as {@link StoreException}s whose messages never carry the password.
 */
public final class JdbcAlertStore implements AlertStore {
    /** Where the standalone server keeps its SQLite database, relative to its working directory. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "vigil.db");

    private final Database db;
    private final RuleTable rules;
    private final RecordTable records;
    private final NotificationTable notifications;
    private final InboxTable inbox;
    private final SingletonTable config;
    private final SingletonTable engineState;

    private JdbcAlertStore(Database db) {
        this.db = db;
        this.rules = new RuleTable(db);
        this.notifications = new NotificationTable(db);
        this.records = new RecordTable(db, notifications);
        this.inbox = new InboxTable(db);
        this.config = new SingletonTable(db, "notification_config", "body", "notification configuration");
        this.engineState = new SingletonTable(db, "engine_state", "state", "engine checkpoint");
    }

    /** An embedded SQLite database in {@code file} (created with its folder if missing). */
    public static Builder sqlite(Path file) {
        return new Builder(Kind.SQLITE, Objects.requireNonNull(file, "file"), null, null, null, null);
    }

    /** An embedded SQLite database in {@link #DEFAULT_SQLITE_FILE}. */
    public static Builder sqlite() {
        return sqlite(DEFAULT_SQLITE_FILE);
    }

    /** A PostgreSQL database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/vigil}; the password stays a {@link Secret}. */
    public static Builder postgres(String jdbcUrl, String user, Secret password) {
        return new Builder(Kind.POSTGRESQL, null, Objects.requireNonNull(jdbcUrl, "jdbcUrl"),
                Objects.requireNonNull(user, "user"), password, null);
    }

    /**
     * A caller's data source (SQLite or PostgreSQL, told apart by its metadata). The caller owns
     * it: {@link #close()} leaves it open. For SQLite prefer {@link #sqlite(Path)}, which keeps
     * to one writer connection.
     */
    public static Builder dataSource(DataSource dataSource) {
        return new Builder(Kind.DATA_SOURCE, null, null, null, null, Objects.requireNonNull(dataSource, "dataSource"));
    }

    private enum Kind { SQLITE, POSTGRESQL, DATA_SOURCE }

    /** Options for opening a store; {@link #build()} connects and migrates the schema. */
    public static final class Builder {
        private static final int DEFAULT_SQLITE_READERS = 2;
        private static final int DEFAULT_POSTGRES_POOL = 8;

        private final Kind kind;
        private final Path file;
        private final String jdbcUrl;
        private final String user;
        private final Secret password;
        private final DataSource dataSource;
        private int poolSize;
        private String schema;
        private boolean syncEveryCommit;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private Duration connectionTimeout = Duration.ofSeconds(10);

        private Builder(Kind kind, Path file, String jdbcUrl, String user, Secret password, DataSource dataSource) {
            this.kind = kind;
            this.file = file;
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            this.dataSource = dataSource;
        }

        /**
         * PostgreSQL: connections in the pool (default 8). SQLite: read-only connections beside
         * the single writer (default 2).
         */
        public Builder poolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, was " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * PostgreSQL ({@link #postgres}) only: the schema to keep the tables in, created if
         * missing (default: the connection's current schema). A caller's data source brings its
         * own search path; SQLite has no schemas.
         */
        public Builder schema(String name) {
            if (kind != Kind.POSTGRESQL) {
                throw new IllegalStateException("schema(...) applies to postgres(...) stores only");
            }
            if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a schema name is a letter or _ then letters, digits or _, was '" + name + "'");
            }
            this.schema = name;
            return this;
        }

        /**
         * SQLite: {@code true} syncs the write-ahead log to disk on every commit
         * ({@code synchronous=FULL}), so a commit survives power loss too. The default
         * ({@code NORMAL}) survives the process being killed, which is what the store promises,
         * and writes several times faster.
         */
        public Builder syncEveryCommit(boolean sync) {
            this.syncEveryCommit = sync;
            return this;
        }

        /** SQLite: how long a statement waits for another process's lock before failing (default 5 s). */
        public Builder busyTimeout(Duration timeout) {
            this.busyTimeout = requirePositive(timeout, "busyTimeout");
            return this;
        }

        /** How long to wait for a pooled connection (default 10 s). */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = requirePositive(timeout, "connectionTimeout");
            return this;
        }

        private static Duration requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        /** Connects, applies pending migrations and returns the store. */
        public JdbcAlertStore build() {
            switch (kind) {
                case SQLITE: return new JdbcAlertStore(openSqlite());
                case POSTGRESQL: return new JdbcAlertStore(openPostgres());
                default: return new JdbcAlertStore(openDataSource());
            }
        }

        private Database openSqlite() {
            Path path = file.toAbsolutePath();
            try {
                Files.createDirectories(path.getParent());
            } catch (IOException e) {
                throw new StoreException("cannot create the folder for the SQLite database " + path, e);
            }
            String url = "jdbc:sqlite:" + path;
            SQLiteConfig writerConfig = new SQLiteConfig();
            writerConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
            writerConfig.setSynchronous(syncEveryCommit ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            writerConfig.enforceForeignKeys(true);
            writerConfig.setBusyTimeout((int) busyTimeout.toMillis());
            // Take the write lock when the transaction begins, not halfway through it: a
            // deferred transaction that reads and then writes can fail with SQLITE_BUSY.
            writerConfig.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource writerSource = new SQLiteDataSource(writerConfig);
            writerSource.setUrl(url);
            Migrations.apply(writerSource, Dialect.SQLITE, null, null);
            refreshQueryPlannerStatistics(writerSource);

            SQLiteConfig readerConfig = new SQLiteConfig();
            readerConfig.setReadOnly(true);
            readerConfig.setBusyTimeout((int) busyTimeout.toMillis());
            SQLiteDataSource readerSource = new SQLiteDataSource(readerConfig);
            readerSource.setUrl(url);

            HikariDataSource writer = pool("vigil-sqlite-writer", writerSource, 1, null, false);
            try {
                HikariDataSource readers = pool("vigil-sqlite-reader", readerSource,
                        poolSize > 0 ? poolSize : DEFAULT_SQLITE_READERS, null, true);
                return new Database(Dialect.SQLITE, writer, readers, null, List.of(readers, writer));
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
        }

        /**
         * SQLite chooses indexes from statistics that only ANALYZE gathers (PostgreSQL's
         * autovacuum does this by itself). {@code PRAGMA optimize} analyzes just the tables whose
         * statistics are missing or stale, with a row limit so it stays quick on a large file.
         */
        private static void refreshQueryPlannerStatistics(DataSource source) {
            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                s.execute("PRAGMA analysis_limit = 1000");
                s.execute("PRAGMA optimize = 0x10002");
            } catch (SQLException e) {
                throw StoreException.of("refreshing the SQLite query planner statistics", e, null);
            }
        }

        private Database openPostgres() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setDriverClassName("org.postgresql.Driver");
            config.setUsername(user);
            if (password != null) {
                config.setPassword(password.reveal());
            }
            if (schema != null) {
                config.addDataSourceProperty("currentSchema", schema);
            }
            String secret = password == null ? null : password.reveal();
            HikariDataSource pool = pool("vigil-postgres", config, poolSize > 0 ? poolSize : DEFAULT_POSTGRES_POOL, secret);
            try {
                Migrations.apply(pool, Dialect.POSTGRESQL, schema, secret);
                return new Database(Dialect.POSTGRESQL, pool, pool, secret, List.of(pool));
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }

        private Database openDataSource() {
            Dialect dialect;
            try (Connection c = dataSource.getConnection()) {
                dialect = Dialect.forProductName(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw StoreException.of("connecting to the database", e, null);
            }
            Migrations.apply(dataSource, dialect, null, null);
            return new Database(dialect, dataSource, dataSource, null, List.of());
        }

        private HikariDataSource pool(String name, DataSource source, int size, String secret, boolean readOnly) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(source);
            // Hikari sets this flag on every connection it opens; SQLite refuses to change the
            // flag after opening, so it must match the one the connection was opened with.
            config.setReadOnly(readOnly);
            // An SQLite connection is a file handle: nothing on the other side ages it out.
            config.setMaxLifetime(0);
            return pool(name, config, size, secret);
        }

        private HikariDataSource pool(String name, HikariConfig config, int size, String secret) {
            config.setPoolName(name);
            config.setMaximumPoolSize(size);
            config.setConnectionTimeout(connectionTimeout.toMillis());
            try {
                return new HikariDataSource(config);
            } catch (RuntimeException e) { // Hikari's PoolInitializationException wraps the driver's error
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new StoreException("opening the connection pool " + name + " failed: "
                        + StoreException.scrub(String.valueOf(cause.getMessage()), secret),
                        StoreException.DriverFailure.of(e, secret));
            }
        }
    }

    // ---- rules ------------------------------------------------------------------------------

    @Override
    public AlertRule createRule(AlertRule rule) {
        return rules.create(rule);
    }

    @Override
    public AlertRule updateRule(AlertRule rule) {
        return rules.update(rule);
    }

    @Override
    public boolean deleteRule(String id) {
        return rules.delete(id);
    }

    @Override
    public Optional<AlertRule> findRule(String id) {
        return rules.find(id);
    }

    @Override
    public Optional<AlertRule> findRuleByName(String name) {
        return rules.findByName(name);
    }

    @Override
    public Page<AlertRule> findRules(RuleQuery query) {
        return rules.find(query);
    }

    // ---- alert records ----------------------------------------------------------------------

    @Override
    public AlertRecord createRecord(AlertRecord record) {
        return records.create(record);
    }

    @Override
    public AlertRecord updateRecord(AlertRecord record) {
        return records.update(record);
    }

    @Override
    public Optional<AlertRecord> findRecord(String id) {
        return records.find(id);
    }

    @Override
    public Page<AlertRecord> findRecords(RecordQuery query) {
        return records.find(query);
    }

    @Override
    public int purgeRecords(Instant cutoff, int batchSize) {
        return records.purge(cutoff, batchSize);
    }

    // ---- notifications ----------------------------------------------------------------------

    @Override
    public NotificationRecord createNotification(NotificationRecord notification) {
        return notifications.create(notification);
    }

    @Override
    public NotificationRecord updateNotification(NotificationRecord notification) {
        return notifications.update(notification);
    }

    @Override
    public Optional<NotificationRecord> findNotification(String id) {
        return notifications.find(id);
    }

    @Override
    public Page<NotificationRecord> findNotifications(NotificationQuery query) {
        return notifications.find(query);
    }

    @Override
    public List<NotificationRecord> duePendingNotifications(Instant now, int limit) {
        return notifications.due(now, limit);
    }

    // ---- configuration, inbox, checkpoint ---------------------------------------------------

    @Override
    public Optional<NotificationConfig> notificationConfig() {
        return config.load().map(ConfigJson::read);
    }

    @Override
    public void saveNotificationConfig(NotificationConfig notificationConfig) {
        config.save(ConfigJson.write(Objects.requireNonNull(notificationConfig, "config")));
    }

    @Override
    public InboxMessage addInboxMessage(InboxMessage message) {
        return inbox.add(message);
    }

    @Override
    public Page<InboxMessage> inbox(String user, boolean includeAdmins, boolean unreadOnly, PageRequest page) {
        return inbox.inbox(user, includeAdmins, unreadOnly, page);
    }

    @Override
    public boolean markRead(String messageId, Instant at) {
        return inbox.markRead(messageId, at);
    }

    @Override
    public void saveEngineState(String state) {
        engineState.save(Objects.requireNonNull(state, "state"));
    }

    @Override
    public Optional<String> loadEngineState() {
        return engineState.load();
    }

    /** Closes the pools this store opened (a caller's data source stays open). */
    @Override
    public void close() {
        db.close();
    }

    /** The database underneath, for this package's tests and benchmark. */
    Database database() {
        return db;
    }

    @Override
    public String toString() {
        return "JdbcAlertStore[" + db.dialect() + "]";
    }
}
