package io.vigil.alerting.store.jdbc;

import java.util.List;
import java.util.Optional;

/**
 * A table that holds at most one text value (the notification configuration, the engine
 * checkpoint): one row with key 1, replaced in place by an upsert that both databases speak.
 */
final class SingletonTable {
    private final Database db;
    private final String table;
    private final String column;
    private final String description;

    SingletonTable(Database db, String table, String column, String description) {
        this.db = db;
        this.table = table;
        this.column = column;
        this.description = description;
    }

    void save(String value) {
        db.write("saving the " + description, c -> Sql.update(c, "INSERT INTO " + table + " (singleton, " + column
                + ") VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET " + column + " = excluded." + column,
                List.of(value)));
    }

    Optional<String> load() {
        return db.read("reading the " + description, c -> Sql.first(c,
                "SELECT " + column + " FROM " + table + " WHERE singleton = 1", List.of(), rs -> rs.getString(1)));
    }
}
