package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The in-app inbox: one row per message, indexed by recipient and time, with a partial index of unread ones. */
final class InboxTable {
    private static final String COLUMNS = "id, recipient, alert_id, severity, title, body, created_at_us, read_at_us";

    private final Database db;

    InboxTable(Database db) {
        this.db = db;
    }

    InboxMessage add(InboxMessage m) {
        return db.write("adding inbox message '" + m.id() + "'", c -> {
            // An existing message wins: a retried delivery must not mark it unread again.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox_messages (" + COLUMNS + ") VALUES ("
                    + Sql.placeholders(8) + ") ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, m.id());
                ps.setString(2, m.recipient());
                Sql.setText(ps, 3, m.alertId());
                ps.setString(4, Json.enumText(m.severity()));
                ps.setString(5, m.title());
                ps.setString(6, m.body());
                Sql.setInstant(ps, 7, m.createdAt());
                Sql.setInstant(ps, 8, m.readAt());
                ps.executeUpdate();
            }
            return Sql.first(c, "SELECT " + COLUMNS + " FROM inbox_messages WHERE id = ?", List.of(m.id()),
                    InboxTable::map).orElseThrow();
        });
    }

    Page<InboxMessage> inbox(String user, boolean includeAdmins, boolean unreadOnly, PageRequest page) {
        Where where = new Where().in("recipient", includeAdmins ? List.of(user, InboxMessage.ALL_ADMINS) : List.of(user));
        if (unreadOnly) {
            where.and("read_at_us IS NULL");
        }
        return db.read("reading the inbox of '" + user + "'", c -> Sql.page(c, COLUMNS, "inbox_messages", where,
                "created_at_us DESC, id", page, InboxTable::map));
    }

    boolean markRead(String id, Instant at) {
        return db.write("marking inbox message '" + id + "' read", c -> Sql.update(c,
                "UPDATE inbox_messages SET read_at_us = COALESCE(read_at_us, ?) WHERE id = ?",
                List.of(Micros.of(at), id)) > 0);
    }

    private static InboxMessage map(ResultSet rs) throws SQLException {
        return new InboxMessage(rs.getString("id"), rs.getString("recipient"), rs.getString("alert_id"),
                Json.enumValue(rs.getString("severity"), Severity.class), rs.getString("title"), rs.getString("body"),
                Sql.getInstant(rs, "created_at_us"), Sql.getInstant(rs, "read_at_us"));
    }
}
