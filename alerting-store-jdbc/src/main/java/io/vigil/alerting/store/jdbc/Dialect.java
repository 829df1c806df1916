package io.vigil.alerting.store.jdbc;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/** What differs between the two databases: the migrations' placeholders and how errors are told apart. */
enum Dialect {
    /**
     * SQLite compares text byte by byte (BINARY collation), which for UTF-8 is code point order,
     * so nothing needs saying.
     */
    SQLITE("") {
        @Override
        boolean isUniqueViolation(SQLException e) {
            if (e instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
            return false;
        }
    },
    /**
     * PostgreSQL sorts text by the database's locale unless told otherwise; ids and names are
     * declared {@code COLLATE "C"} so that they sort as {@link String#compareTo} does whatever
     * locale the database was created with (and so that their indexes serve those orders).
     */
    POSTGRESQL(" COLLATE \"C\"") {
        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    };

    private final String orderedTextCollation;

    Dialect(String orderedTextCollation) {
        this.orderedTextCollation = orderedTextCollation;
    }

    /** Whether {@code e} reports a duplicate primary key or unique index entry. */
    abstract boolean isUniqueViolation(SQLException e);

    /** Values for the {@code ${...}} placeholders in the migration scripts. */
    Map<String, String> migrationPlaceholders() {
        return Map.of("ordered_text", "TEXT" + orderedTextCollation);
    }

    /** The dialect for a database product name as JDBC metadata reports it. */
    static Dialect forProductName(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("sqlite")) {
            return SQLITE;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported database '" + productName + "': the JDBC store supports SQLite and PostgreSQL");
    }
}
