package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.RuleQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules: the whole rule as a JSON document in {@code body}, and beside it the columns the
 * queries filter and sort on (name, enabled, severity, scope) plus the version for optimistic
 * concurrency. Both are written by the same statement, so they never disagree.
 */
final class RuleTable {
    private final Database db;

    RuleTable(Database db) {
        this.db = db;
    }

    AlertRule create(AlertRule rule) {
        Objects.requireNonNull(rule.id(), "a stored rule needs an id");
        AlertRule stored = rule.toBuilder().version(1).build();
        return db.write("creating rule '" + rule.id() + "'", c -> {
            requireFreeIdAndName(c, stored);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rules (id, name, enabled, severity, scope_type,"
                    + " scope_id, version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, stored.id());
                bindColumns(ps, 2, stored);
                ps.setLong(7, stored.version());
                ps.setString(8, RuleJson.write(stored));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (db.isUniqueViolation(e)) { // lost a race with a concurrent create
                    throw new AlertingException(ErrorCode.RULE_NAME_CONFLICT,
                            "a rule with id '" + stored.id() + "' or named '" + stored.name() + "' exists");
                }
                throw e;
            }
            return stored;
        });
    }

    private static void requireFreeIdAndName(Connection c, AlertRule rule) throws SQLException {
        List<String[]> taken = Sql.list(c, "SELECT id, name FROM rules WHERE id = ? OR name = ?",
                List.of(rule.id(), rule.name()), rs -> new String[] {rs.getString("id"), rs.getString("name")});
        for (String[] row : taken) {
            if (row[0].equals(rule.id())) {
                throw new AlertingException(ErrorCode.RULE_NAME_CONFLICT, "a rule with id '" + rule.id() + "' exists");
            }
        }
        if (!taken.isEmpty()) {
            throw new AlertingException(ErrorCode.RULE_NAME_CONFLICT, "a rule named '" + rule.name() + "' exists");
        }
    }

    AlertRule update(AlertRule rule) {
        AlertRule stored = rule.toBuilder().version(rule.version() + 1).build();
        return db.write("updating rule '" + rule.id() + "'", c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement("UPDATE rules SET name = ?, enabled = ?, severity = ?,"
                    + " scope_type = ?, scope_id = ?, body = ?, version = version + 1 WHERE id = ? AND version = ?")) {
                bindColumns(ps, 1, stored);
                ps.setString(6, RuleJson.write(stored));
                ps.setString(7, rule.id());
                ps.setLong(8, rule.version());
                changed = ps.executeUpdate();
            } catch (SQLException e) {
                if (db.isUniqueViolation(e)) {
                    throw new AlertingException(ErrorCode.RULE_NAME_CONFLICT, "a rule named '" + rule.name() + "' exists");
                }
                throw e;
            }
            if (changed == 0) {
                throw Versions.missedUpdate(c, "rules", rule.id(), rule.version(), "rule " + rule.id(),
                        () -> AlertingException.ruleNotFound(rule.id()));
            }
            return stored;
        });
    }

    /** name, enabled, severity, scope_type, scope_id from parameter {@code first} on. */
    private static void bindColumns(PreparedStatement ps, int first, AlertRule r) throws SQLException {
        ps.setString(first, r.name());
        ps.setBoolean(first + 1, r.enabled());
        ps.setString(first + 2, Json.enumText(r.severity()));
        ps.setString(first + 3, Json.enumText(r.scope().type()));
        Sql.setText(ps, first + 4, r.scope().id());
    }

    boolean delete(String id) {
        return db.write("deleting rule '" + id + "'", c -> Sql.update(c, "DELETE FROM rules WHERE id = ?", List.of(id)) > 0);
    }

    Optional<AlertRule> find(String id) {
        return db.read("reading rule '" + id + "'",
                c -> Sql.first(c, "SELECT body FROM rules WHERE id = ?", List.of(id), rs -> RuleJson.read(rs.getString(1))));
    }

    Optional<AlertRule> findByName(String name) {
        return db.read("reading rule named '" + name + "'",
                c -> Sql.first(c, "SELECT body FROM rules WHERE name = ?", List.of(name),
                        rs -> RuleJson.read(rs.getString(1))));
    }

    Page<AlertRule> find(RuleQuery q) {
        Where where = new Where()
                .equal("enabled", q.enabled())
                .equal("severity", q.severity() == null ? null : Json.enumText(q.severity()))
                .equal("scope_type", q.scope() == null ? null : Json.enumText(q.scope()))
                .equal("scope_id", q.scopeId());
        return db.read("listing rules", c -> Sql.page(c, "body", "rules", where, "name", q.page(),
                rs -> RuleJson.read(rs.getString(1))));
    }
}
