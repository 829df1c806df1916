package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The errors of optimistic versioning: an update that named a version other than the stored one. */
final class Versions {
    private Versions() {
    }

    static AlertingException conflict(String what, long stored, long given) {
        return new AlertingException(ErrorCode.VERSION_CONFLICT,
                what + " was changed by someone else (version " + stored + ", yours " + given + "); reload and retry");
    }

    static AlertingException exists(String what) {
        return new AlertingException(ErrorCode.VERSION_CONFLICT, what + " exists");
    }

    /**
     * Why a compare-and-set update ({@code ... WHERE id = ? AND version = ?}) changed no row: the
     * object is gone ({@code notFound}) or someone else's update moved its version on.
     *
     * @param table a constant table name with {@code id} and {@code version} columns
     */
    static AlertingException missedUpdate(Connection c, String table, String id, long given, String what,
                                          Supplier<AlertingException> notFound) throws SQLException {
        Optional<Long> current = Sql.first(c, "SELECT version FROM " + table + " WHERE id = ?", List.of(id),
                rs -> rs.getLong(1));
        return current.isEmpty() ? notFound.get() : conflict(what, current.get(), given);
    }
}
