package io.vigil.alerting.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A WHERE clause built from optional filters: each {@code and} adds a condition and its parameters. */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} (with one {@code ?} per value). */
    Where and(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds {@code column = value} unless {@code value} is {@code null}. */
    Where equal(String column, Object value) {
        return value == null ? this : and(column + " = ?", value);
    }

    /** Adds {@code column IN (values)} unless {@code values} is empty. */
    Where in(String column, Collection<?> values) {
        if (values.isEmpty()) {
            return this;
        }
        conditions.add(column + " IN (" + Sql.placeholders(values.size()) + ")");
        params.addAll(values);
        return this;
    }

    /** {@code " WHERE a AND b"}, or empty when there is no condition. */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<Object> params() {
        return params;
    }
}
