package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Page;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notification records, which double as the outbox: a notification is written {@code pending}
 * before its first attempt, and {@link #due} finds the pending ones whose time has come, through
 * a partial index that holds only pending rows (so it stays small however long the history).
 */
final class NotificationTable {
    private static final String DATA_COLUMNS = "alert_id, rule_id, kind, method, recipient, subject, content, status,"
            + " created_at_us, sent_at_us, delivered_at_us, error, retry_count, next_attempt_at_us";
    private static final int DATA_COLUMN_COUNT = 14;
    private static final String ALL_COLUMNS = "id, " + DATA_COLUMNS + ", version";
    private static final String INSERT = "INSERT INTO notifications (" + ALL_COLUMNS + ") VALUES ("
            + Sql.placeholders(DATA_COLUMN_COUNT + 2) + ")";
    private static final String COMPARE_AND_SET = "UPDATE notifications SET "
            + DATA_COLUMNS.replace(",", " = ?,") + " = ?, version = version + 1 WHERE id = ? AND version = ?";
    private static final String PENDING = Json.enumText(NotificationStatus.PENDING);

    private final Database db;

    NotificationTable(Database db) {
        this.db = db;
    }

    NotificationRecord create(NotificationRecord n) {
        NotificationRecord stored = n.withVersion(1);
        return db.write("creating notification '" + n.id() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, stored.id());
                bindData(ps, 2, stored);
                ps.setLong(DATA_COLUMN_COUNT + 2, stored.version());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (db.isUniqueViolation(e)) {
                    throw Versions.exists("notification " + n.id());
                }
                throw e;
            }
            return stored;
        });
    }

    NotificationRecord update(NotificationRecord n) {
        NotificationRecord stored = n.withVersion(n.version() + 1);
        return db.write("updating notification '" + n.id() + "'", c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement(COMPARE_AND_SET)) {
                bindData(ps, 1, stored);
                ps.setString(DATA_COLUMN_COUNT + 1, n.id());
                ps.setLong(DATA_COLUMN_COUNT + 2, n.version());
                changed = ps.executeUpdate();
            }
            if (changed == 0) {
                throw Versions.missedUpdate(c, "notifications", n.id(), n.version(), "notification " + n.id(),
                        () -> new AlertingException(ErrorCode.NOTIFICATION_NOT_FOUND, "no notification '" + n.id() + "'"));
            }
            return stored;
        });
    }

    private static void bindData(PreparedStatement ps, int first, NotificationRecord n) throws SQLException {
        int i = first;
        Sql.setText(ps, i++, n.alertId());
        Sql.setText(ps, i++, n.ruleId());
        ps.setString(i++, Json.enumText(n.kind()));
        ps.setString(i++, n.method());
        ps.setString(i++, n.recipient());
        Sql.setText(ps, i++, n.subject());
        ps.setString(i++, n.content());
        ps.setString(i++, Json.enumText(n.status()));
        Sql.setInstant(ps, i++, n.createdAt());
        Sql.setInstant(ps, i++, n.sentAt());
        Sql.setInstant(ps, i++, n.deliveredAt());
        Sql.setText(ps, i++, n.error());
        ps.setInt(i++, n.retryCount());
        Sql.setInstant(ps, i, n.nextAttemptAt());
    }

    Optional<NotificationRecord> find(String id) {
        return db.read("reading notification '" + id + "'", c -> Sql.first(c,
                "SELECT " + ALL_COLUMNS + " FROM notifications WHERE id = ?", List.of(id), NotificationTable::map));
    }

    Page<NotificationRecord> find(NotificationQuery q) {
        Where where = new Where()
                .equal("alert_id", q.alertId())
                .equal("rule_id", q.ruleId())
                .equal("method", q.method())
                .equal("status", q.status() == null ? null : Json.enumText(q.status()));
        if (q.from() != null) {
            where.and("created_at_us >= ?", Micros.of(q.from()));
        }
        if (q.to() != null) {
            where.and("created_at_us < ?", Micros.of(q.to()));
        }
        return db.read("listing notifications", c -> Sql.page(c, ALL_COLUMNS, "notifications", where,
                "created_at_us DESC, id", q.page(), NotificationTable::map));
    }

    /** Pending notifications due at {@code now}, oldest first. */
    List<NotificationRecord> due(Instant now, int limit) {
        // "status = 'pending'" is spelled as in the partial index so that both databases use it.
        return db.read("finding due notifications", c -> Sql.list(c, "SELECT " + ALL_COLUMNS
                + " FROM notifications WHERE status = '" + PENDING + "'"
                + " AND (next_attempt_at_us IS NULL OR next_attempt_at_us <= ?)"
                + " ORDER BY created_at_us, id LIMIT ?", List.of(Micros.of(now), limit), NotificationTable::map));
    }

    /** The attempts of each of these alert records, oldest first, on the caller's connection. */
    Map<String, List<NotificationAttempt>> attemptsOf(Connection c, Collection<String> alertIds) throws SQLException {
        Map<String, List<NotificationAttempt>> out = new HashMap<>();
        for (List<String> chunk : Sql.chunks(alertIds)) {
            List<AlertAttempt> rows = Sql.list(c, "SELECT alert_id, id, method, recipient, status, sent_at_us, error"
                    + " FROM notifications WHERE alert_id IN (" + Sql.placeholders(chunk.size()) + ")"
                    + " ORDER BY created_at_us, id", chunk, rs -> new AlertAttempt(rs.getString("alert_id"),
                    new NotificationAttempt(rs.getString("id"), rs.getString("method"), rs.getString("recipient"),
                            Json.enumValue(rs.getString("status"), NotificationStatus.class),
                            Sql.getInstant(rs, "sent_at_us"), rs.getString("error"))));
            for (AlertAttempt row : rows) {
                out.computeIfAbsent(row.alertId(), k -> new ArrayList<>()).add(row.attempt());
            }
        }
        return out;
    }

    private record AlertAttempt(String alertId, NotificationAttempt attempt) {
    }

    private static NotificationRecord map(ResultSet rs) throws SQLException {
        return new NotificationRecord(rs.getString("id"), rs.getString("alert_id"), rs.getString("rule_id"),
                Json.enumValue(rs.getString("kind"), NotificationKind.class), rs.getString("method"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("content"),
                Json.enumValue(rs.getString("status"), NotificationStatus.class), Sql.getInstant(rs, "created_at_us"),
                Sql.getInstant(rs, "sent_at_us"), Sql.getInstant(rs, "delivered_at_us"), rs.getString("error"),
                rs.getInt("retry_count"), Sql.getInstant(rs, "next_attempt_at_us"), rs.getLong("version"));
    }
}
