package io.vigil.alerting.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs units of work in transactions: writes on the writer, reads on the readers (the same pool
 * for PostgreSQL; for SQLite one writer connection and a few read-only ones, since SQLite admits
 * one writer at a time while WAL lets readers go on beside it). Every driver failure leaves here
 * as a {@link StoreException} with passwords scrubbed.
 */
final class Database implements AutoCloseable {
    /** One unit of work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final DataSource writer;
    private final DataSource readers;
    private final String knownSecret;
    private final List<AutoCloseable> owned;

    /**
     * @param knownSecret the database password, removed from any error message; may be {@code null}
     * @param owned       pools this store created and closes; a caller's data source is not among them
     */
    Database(Dialect dialect, DataSource writer, DataSource readers, String knownSecret, List<AutoCloseable> owned) {
        this.dialect = dialect;
        this.writer = writer;
        this.readers = readers;
        this.knownSecret = knownSecret;
        this.owned = List.copyOf(owned);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in a transaction on the writer and commits it; rolls back on any failure. */
    <T> T write(String what, Work<T> work) {
        return inTransaction(writer, what, work, true);
    }

    /** Runs {@code work} in a read-only snapshot (one transaction) on a reader. */
    <T> T read(String what, Work<T> work) {
        return inTransaction(readers, what, work, false);
    }

    private <T> T inTransaction(DataSource source, String what, Work<T> work, boolean commit) {
        try (Connection c = source.getConnection()) {
            boolean wasAutoCommit = c.getAutoCommit();
            if (wasAutoCommit) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackAfter(c, e);
                throw e;
            } finally {
                if (wasAutoCommit) {
                    // Back to autocommit between units: an idle SQLite connection must not sit in
                    // an open (possibly IMMEDIATE) transaction holding the write lock.
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw StoreException.of(what, e, knownSecret);
        }
    }

    private static void rollbackAfter(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(new StoreException("rollback failed too (SQL state "
                    + rollbackFailure.getSQLState() + ")"));
        }
    }

    /** Whether {@code e} reports a duplicate key. */
    boolean isUniqueViolation(SQLException e) {
        return dialect.isUniqueViolation(e);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable pool : owned) {
            try {
                pool.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new StoreException("closing the connection pool failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
