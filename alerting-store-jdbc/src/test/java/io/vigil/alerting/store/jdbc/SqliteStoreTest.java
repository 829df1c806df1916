package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.RecordQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the contract cannot see: the file on disk, its settings, reopening, the caller's data source. */
class SqliteStoreTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everythingWrittenIsThereAfterReopeningTheFile() {
        Path file = dir.resolve("nested/deeper/vigil.db");
        AlertRule rule = AlertRule.named("cpu_high").id("rule-1")
                .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80)).build();
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(file).build()) {
            store.createRule(rule);
            store.createRecord(record("rec-1", Labels.of("vm", "vm_001")));
            store.createNotification(NotificationRecord.pending("n-1", "rec-1", "rule-1", NotificationKind.FIRING,
                    "email", "a@b", "s", "c", T0));
            store.addInboxMessage(new InboxMessage("m-1", "usr_1", "rec-1", Severity.HIGH, "t", "b", T0, null));
            store.saveNotificationConfig(NotificationConfig.defaults());
            store.saveEngineState("{\"v\":1}");
        }

        assertThat(file).exists();
        try (JdbcAlertStore reopened = JdbcAlertStore.sqlite(file).build()) {
            assertThat(reopened.findRule("rule-1")).contains(rule.toBuilder().version(1).build());
            AlertRecord rec = reopened.findRecord("rec-1").orElseThrow();
            assertThat(rec.notifications()).hasSize(1);
            assertThat(reopened.findRecords(new RecordQuery(null, null, null, Map.of("vm", "vm_001"), null, null,
                    null)).total()).isEqualTo(1);
            assertThat(reopened.duePendingNotifications(T0, 10)).extracting(NotificationRecord::id).containsExactly("n-1");
            assertThat(reopened.inbox("usr_1", false, true, io.vigil.alerting.spi.PageRequest.all()).total()).isEqualTo(1);
            assertThat(reopened.notificationConfig()).contains(NotificationConfig.defaults());
            assertThat(reopened.loadEngineState()).contains("{\"v\":1}");
        }
    }

    @Test
    void theFileIsInWalModeWithTheSchemaMigratedOnce() throws SQLException {
        Path file = dir.resolve("vigil.db");
        JdbcAlertStore.sqlite(file).build().close();
        JdbcAlertStore.sqlite(file).build().close();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(s, "SELECT COUNT(*) FROM vigil_schema_history WHERE success = 1")).isEqualTo("1");
            assertThat(single(s, "SELECT MAX(version) FROM vigil_schema_history")).isEqualTo("1");
        }
    }

    @Test
    void writerConnectionsEnforceForeignKeysAndReadersCannotWrite() {
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build()) {
            Database db = store.database();
            assertThat(writerPragma(db, "foreign_keys")).isEqualTo("1");
            assertThat(writerPragma(db, "busy_timeout")).isEqualTo("5000");
            assertThat(writerPragma(db, "synchronous")).as("NORMAL").isEqualTo("1");
            assertThatThrownBy(() -> db.write("orphan label", c -> c.createStatement().executeUpdate(
                    "INSERT INTO alert_record_labels (record_id, name, value) VALUES ('nope', 'a', 'b')")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("orphan label failed");
            assertThatThrownBy(() -> db.read("sneaky write", c -> c.createStatement().executeUpdate(
                    "DELETE FROM rules"))).isInstanceOf(StoreException.class).hasMessageContaining("sneaky write failed");
        }
    }

    @Test
    void syncEveryCommitSwitchesToFullSynchronous() {
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("vigil.db")).syncEveryCommit(true).build()) {
            assertThat(writerPragma(store.database(), "synchronous")).as("FULL").isEqualTo("2");
        }
    }

    @Test
    void aCallersDataSourceIsMigratedUsedAndLeftOpen() throws SQLException {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("own.db"));

        try (JdbcAlertStore store = JdbcAlertStore.dataSource(ds).build()) {
            assertThat(store.toString()).contains("SQLITE");
            store.createRecord(record("rec-1", Labels.empty()));
        }

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT id FROM alert_records")).isEqualTo("rec-1");
        }
    }

    @Test
    void unreadableStoredJsonIsAStoreErrorNamingWhatBroke() {
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build()) {
            store.saveEngineState("ok");
            store.database().write("corrupt", c -> c.createStatement().executeUpdate(
                    "INSERT INTO notification_config (singleton, body) VALUES (1, '{not json')"));

            assertThatThrownBy(store::notificationConfig).isInstanceOf(StoreException.class)
                    .hasMessageContaining("notification configuration is not readable JSON");
        }
    }

    @Test
    void aFileThatCannotBeCreatedIsAClearStoreError() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> JdbcAlertStore.sqlite(blocker.resolve("vigil.db")).build())
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot create the folder");
    }

    @Test
    void aSchemaIsForPostgresOnly() {
        assertThatThrownBy(() -> JdbcAlertStore.sqlite(dir.resolve("vigil.db")).schema("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("postgres");
    }

    @Test
    void theDefaultFileIsDataVigilDb() {
        assertThat(JdbcAlertStore.DEFAULT_SQLITE_FILE).isEqualTo(Path.of("data", "vigil.db"));
    }

    @Test
    void microsecondsAreKeptAndNanosecondsTruncated() {
        Instant precise = Instant.parse("2025-03-01T12:00:00.123456789Z");
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build()) {
            store.createRecord(record("rec-1", Labels.empty()).acknowledge("u", null, null, precise));

            assertThat(store.findRecord("rec-1").orElseThrow().acknowledgedAt())
                    .isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
        }
    }

    @Test
    void instantsBeforeNineteenSeventyRoundTrip() {
        Instant old = Instant.parse("1969-12-31T23:59:59.999999Z");
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build()) {
            store.createRecord(new AlertRecord("old", "r", "r", null, null, Severity.LOW, null, null, null,
                    AlertStatus.ACTIVE, old, null, null, null, null, null, null, null, null, null, null, null, 0,
                    null, null, 0));

            assertThat(store.findRecord("old").orElseThrow().triggeredAt()).isEqualTo(old);
        }
    }

    private static AlertRecord record(String id, Labels labels) {
        return new AlertRecord(id, "rule-1", "cpu_high", labels, "cpu_usage", Severity.HIGH, 91.0, Threshold.of(80),
                "cpu_usage >= 80", AlertStatus.ACTIVE, T0, null, null, null, null, null, null, null, null, null,
                Map.of(), List.of(), 0, T0, T0, 0);
    }

    private static String writerPragma(Database db, String pragma) {
        return db.write("reading a pragma", c -> single(c.createStatement(), "PRAGMA " + pragma));
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
