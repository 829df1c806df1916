package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.RecordQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Alert records, one column per field so that statistics can be computed in SQL, and their
 * labels twice: as a JSON object in {@code labels} (read back with the record) and as rows of
 * {@code alert_record_labels} (indexed by name and value, for "records of vm=vm_001", and by
 * record and name, for checking a candidate's label).
 */
final class RecordTable {
    /** Every column but {@code id} and {@code version}, in binding order. */
    private static final String DATA_COLUMNS = "rule_id, rule_name, labels, metric, severity, trigger_value, threshold,"
            + " condition_text, status, triggered_at_us, acknowledged_at_us, acknowledged_by, acknowledged_by_name,"
            + " acknowledge_note, resolved_at_us, resolved_by, resolved_by_name, resolution, resolve_value, snapshot,"
            + " escalation_level, created_at_us, updated_at_us";
    private static final int DATA_COLUMN_COUNT = 23;
    private static final String ALL_COLUMNS = "id, " + DATA_COLUMNS + ", version";
    /** The same columns named with their table, for queries that join the label table. */
    private static final String QUALIFIED_COLUMNS = "alert_records." + ALL_COLUMNS.replace(", ", ", alert_records.");
    private static final String NEWEST_FIRST = "alert_records.triggered_at_us DESC, alert_records.id";
    private static final String INSERT = "INSERT INTO alert_records (" + ALL_COLUMNS + ") VALUES ("
            + Sql.placeholders(DATA_COLUMN_COUNT + 2) + ")";
    private static final String COMPARE_AND_SET = "UPDATE alert_records SET "
            + DATA_COLUMNS.replace(",", " = ?,") + " = ?, version = version + 1 WHERE id = ? AND version = ?";

    private final Database db;
    private final NotificationTable notifications;

    RecordTable(Database db, NotificationTable notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    AlertRecord create(AlertRecord record) {
        AlertRecord stored = record.withNotifications(List.of()).withVersion(1);
        return db.write("creating alert record '" + record.id() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, stored.id());
                bindData(ps, 2, stored);
                ps.setLong(DATA_COLUMN_COUNT + 2, stored.version());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (db.isUniqueViolation(e)) {
                    throw Versions.exists("alert record " + record.id());
                }
                throw e;
            }
            insertLabels(c, stored.id(), stored.labels());
            return withAttempts(c, stored);
        });
    }

    AlertRecord update(AlertRecord record) {
        AlertRecord stored = record.withNotifications(List.of()).withVersion(record.version() + 1);
        return db.write("updating alert record '" + record.id() + "'", c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement(COMPARE_AND_SET)) {
                bindData(ps, 1, stored);
                ps.setString(DATA_COLUMN_COUNT + 1, record.id());
                ps.setLong(DATA_COLUMN_COUNT + 2, record.version());
                changed = ps.executeUpdate();
            }
            if (changed == 0) {
                throw Versions.missedUpdate(c, "alert_records", record.id(), record.version(),
                        "alert record " + record.id(), () -> AlertingException.alertNotFound(record.id()));
            }
            // Records keep their labels through their lifecycle, but the SPI replaces the whole record.
            Sql.update(c, "DELETE FROM alert_record_labels WHERE record_id = ?", List.of(record.id()));
            insertLabels(c, stored.id(), stored.labels());
            return withAttempts(c, stored);
        });
    }

    private static void bindData(PreparedStatement ps, int first, AlertRecord r) throws SQLException {
        int i = first;
        ps.setString(i++, r.ruleId());
        ps.setString(i++, r.ruleName());
        ps.setString(i++, ValueJson.labelsText(r.labels()));
        Sql.setText(ps, i++, r.metric());
        ps.setString(i++, Json.enumText(r.severity()));
        Sql.setDouble(ps, i++, r.triggerValue());
        Sql.setText(ps, i++, ValueJson.thresholdText(r.threshold()));
        Sql.setText(ps, i++, r.condition());
        ps.setString(i++, Json.enumText(r.status()));
        Sql.setInstant(ps, i++, r.triggeredAt());
        Sql.setInstant(ps, i++, r.acknowledgedAt());
        Sql.setText(ps, i++, r.acknowledgedBy());
        Sql.setText(ps, i++, r.acknowledgedByName());
        Sql.setText(ps, i++, r.acknowledgeNote());
        Sql.setInstant(ps, i++, r.resolvedAt());
        Sql.setText(ps, i++, r.resolvedBy());
        Sql.setText(ps, i++, r.resolvedByName());
        Sql.setText(ps, i++, r.resolution());
        Sql.setDouble(ps, i++, r.resolveValue());
        ps.setString(i++, ValueJson.snapshotText(r.snapshot()));
        ps.setInt(i++, r.escalationLevel());
        Sql.setInstant(ps, i++, r.createdAt());
        Sql.setInstant(ps, i, r.updatedAt());
    }

    private static void insertLabels(Connection c, String recordId, Labels labels) throws SQLException {
        if (labels.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_record_labels (record_id, name, value) VALUES (?, ?, ?)")) {
            for (int i = 0; i < labels.size(); i++) {
                ps.setString(1, recordId);
                ps.setString(2, labels.nameAt(i));
                ps.setString(3, labels.valueAt(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<AlertRecord> find(String id) {
        return db.read("reading alert record '" + id + "'", c -> {
            Optional<AlertRecord> r = Sql.first(c, "SELECT " + ALL_COLUMNS + " FROM alert_records WHERE id = ?",
                    List.of(id), RecordTable::map);
            return r.isEmpty() ? r : Optional.of(withAttempts(c, r.get()));
        });
    }

    Page<AlertRecord> find(RecordQuery q) {
        Where where = new Where()
                .in("status", q.statuses().stream().map(Json::enumText).sorted().toList())
                .in("severity", q.severities().stream().map(Json::enumText).sorted().toList())
                .equal("rule_id", q.ruleId());
        if (q.from() != null) {
            where.and("triggered_at_us >= ?", Micros.of(q.from()));
        }
        if (q.to() != null) {
            where.and("triggered_at_us < ?", Micros.of(q.to()));
        }
        // One join per label pair, on the label table's key (record_id, name), so it never
        // duplicates a record. A join lets the planner start from whichever side is smaller: the
        // (name, value) index for a rare label, or the other filters' index probing each
        // candidate's label; "id IN (SELECT ...)" made SQLite list every id of a common label
        // (env=prod) first, measured several times slower.
        StringBuilder from = new StringBuilder("alert_records");
        int alias = 0;
        for (Map.Entry<String, String> label : new TreeMap<>(q.labels()).entrySet()) {
            String l = "l" + alias++;
            from.append(" JOIN alert_record_labels ").append(l).append(" ON ").append(l)
                    .append(".record_id = alert_records.id");
            where.and(l + ".name = ? AND " + l + ".value = ?", label.getKey(), label.getValue());
        }
        return db.read("listing alert records", c -> {
            Page<AlertRecord> page = Sql.page(c, QUALIFIED_COLUMNS, from.toString(), where, NEWEST_FIRST, q.page(),
                    RecordTable::map);
            Map<String, List<NotificationAttempt>> attempts = notifications.attemptsOf(c,
                    page.items().stream().map(AlertRecord::id).toList());
            List<AlertRecord> filled = new ArrayList<>(page.items().size());
            for (AlertRecord r : page.items()) {
                filled.add(r.withNotifications(attempts.getOrDefault(r.id(), List.of())));
            }
            return new Page<>(filled, page.page(), page.pageSize(), page.total());
        });
    }

    private AlertRecord withAttempts(Connection c, AlertRecord r) throws SQLException {
        return r.withNotifications(notifications.attemptsOf(c, List.of(r.id())).getOrDefault(r.id(), List.of()));
    }

    /**
     * Deletes the oldest records triggered before {@code cutoff}, at most {@code batchSize}, with
     * their labels and notification records, in one short transaction.
     */
    int purge(Instant cutoff, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        return db.write("purging alert records", c -> {
            List<String> ids = Sql.list(c, "SELECT id FROM alert_records WHERE triggered_at_us < ?"
                    + " ORDER BY triggered_at_us LIMIT ?", List.of(Micros.of(cutoff), batchSize), rs -> rs.getString(1));
            for (List<String> chunk : Sql.chunks(ids)) {
                String in = " IN (" + Sql.placeholders(chunk.size()) + ")";
                Sql.update(c, "DELETE FROM notifications WHERE alert_id" + in, chunk);
                Sql.update(c, "DELETE FROM alert_record_labels WHERE record_id" + in, chunk);
                Sql.update(c, "DELETE FROM alert_records WHERE id" + in, chunk);
            }
            return ids.size();
        });
    }

    private static AlertRecord map(ResultSet rs) throws SQLException {
        return new AlertRecord(rs.getString("id"), rs.getString("rule_id"), rs.getString("rule_name"),
                ValueJson.labelsFromText(rs.getString("labels")), rs.getString("metric"),
                Json.enumValue(rs.getString("severity"), Severity.class), Sql.getDouble(rs, "trigger_value"),
                ValueJson.thresholdFromText(rs.getString("threshold")), rs.getString("condition_text"),
                Json.enumValue(rs.getString("status"), AlertStatus.class), Sql.getInstant(rs, "triggered_at_us"),
                Sql.getInstant(rs, "acknowledged_at_us"), rs.getString("acknowledged_by"),
                rs.getString("acknowledged_by_name"), rs.getString("acknowledge_note"),
                Sql.getInstant(rs, "resolved_at_us"), rs.getString("resolved_by"), rs.getString("resolved_by_name"),
                rs.getString("resolution"), Sql.getDouble(rs, "resolve_value"),
                ValueJson.snapshotFromText(rs.getString("snapshot")), List.of(), rs.getInt("escalation_level"),
                Sql.getInstant(rs, "created_at_us"), Sql.getInstant(rs, "updated_at_us"), rs.getLong("version"));
    }
}
