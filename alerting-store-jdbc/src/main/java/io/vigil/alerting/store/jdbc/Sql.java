package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: nullable parameters and columns, instants as microseconds, paged queries. */
final class Sql {
    /** Parameters per {@code IN (...)} list; far below SQLite's and PostgreSQL's limits. */
    static final int IN_LIST_CHUNK = 500;

    private Sql() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    // ---- parameters ---------------------------------------------------------------------------

    static void setText(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    static void setDouble(PreparedStatement ps, int i, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, value);
        }
    }

    static void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
        setLong(ps, i, Micros.ofNullable(value));
    }

    /** Binds non-null values in order, starting at parameter 1. */
    static void bind(PreparedStatement ps, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    // ---- columns ------------------------------------------------------------------------------

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        Long micros = getLong(rs, column);
        return micros == null ? null : Micros.toInstant(micros);
    }

    // ---- queries ------------------------------------------------------------------------------

    static int update(Connection c, String sql, List<?> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, List<?> params, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> first(Connection c, String sql, List<?> params, Row<T> row) throws SQLException {
        List<T> rows = list(c, sql + " LIMIT 1", params, row);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * One page of {@code SELECT columns FROM from where ORDER BY orderBy}, with the total count of
     * matching rows; both run in the caller's transaction, so they see the same snapshot.
     */
    static <T> Page<T> page(Connection c, String columns, String from, Where where, String orderBy,
                            PageRequest page, Row<T> row) throws SQLException {
        long total = list(c, "SELECT COUNT(*) FROM " + from + where.sql(), where.params(), rs -> rs.getLong(1)).get(0);
        List<Object> params = new ArrayList<>(where.params());
        params.add(page.pageSize());
        params.add((long) (page.page() - 1) * page.pageSize());
        List<T> items = total == 0 ? List.of() : list(c, "SELECT " + columns + " FROM " + from + where.sql()
                + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?", params, row);
        return new Page<>(items, page.page(), page.pageSize(), total);
    }

    /** Splits {@code values} into lists of at most {@link #IN_LIST_CHUNK}. */
    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK)));
        }
        return out;
    }
}
