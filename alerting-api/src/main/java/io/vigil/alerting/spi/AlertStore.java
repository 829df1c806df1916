package io.vigil.alerting.spi;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where rules, alert records, notification records, the in-app inbox, the notification
 * configuration and the engine's checkpoint live. Implementations must be thread-safe.
 *
 * <p>Versions: {@code create*} stores version 1 and returns the stored object; {@code update*}
 * succeeds only if the given object's version equals the stored one, stores version + 1 and returns
 * it, and otherwise throws {@link ErrorCode#VERSION_CONFLICT}. So two concurrent changes of one
 * object give one success and one clear conflict, never a lost update.
 *
 * <p>Instants: durable stores keep them to the microsecond (what the JDK's clock gives); finer
 * parts may be truncated. Text ordering (rule names, ids as tie-breakers) is by UTF-16 code unit
 * as {@link String#compareTo} orders, never by locale, so every store pages the same way.
 */
public interface AlertStore extends AutoCloseable {

    // ---- rules ------------------------------------------------------------------------------

    /** Stores a new rule, which must have an id. Throws {@link ErrorCode#RULE_NAME_CONFLICT} if the name is taken. */
    AlertRule createRule(AlertRule rule);

    /**
     * Replaces a rule. Throws {@link ErrorCode#RULE_NOT_FOUND}, {@link ErrorCode#RULE_NAME_CONFLICT}
     * or {@link ErrorCode#VERSION_CONFLICT}.
     */
    AlertRule updateRule(AlertRule rule);

    /** Deletes a rule; false if there was none. Its alert records stay. */
    boolean deleteRule(String id);

    Optional<AlertRule> findRule(String id);

    Optional<AlertRule> findRuleByName(String name);

    Page<AlertRule> findRules(RuleQuery query);

    // ---- alert records ----------------------------------------------------------------------

    AlertRecord createRecord(AlertRecord record);

    /** Replaces a record; {@link ErrorCode#ALERT_NOT_FOUND} or {@link ErrorCode#VERSION_CONFLICT}. */
    AlertRecord updateRecord(AlertRecord record);

    /**
     * The record with its notification attempts filled in, oldest first (by the notification's
     * creation time, then id).
     */
    Optional<AlertRecord> findRecord(String id);

    /** Matching records, each with its notification attempts filled in as {@link #findRecord} does. */
    Page<AlertRecord> findRecords(RecordQuery query);

    /**
     * Deletes up to {@code batchSize} records triggered before {@code cutoff}, oldest first,
     * together with their notification records; returns how many records were deleted. Callers
     * repeat until it returns less than {@code batchSize}, so no single call holds locks for long.
     */
    int purgeRecords(Instant cutoff, int batchSize);

    // ---- notifications ----------------------------------------------------------------------

    NotificationRecord createNotification(NotificationRecord notification);

    /** Replaces a notification record; {@link ErrorCode#NOTIFICATION_NOT_FOUND} or {@link ErrorCode#VERSION_CONFLICT}. */
    NotificationRecord updateNotification(NotificationRecord notification);

    Optional<NotificationRecord> findNotification(String id);

    Page<NotificationRecord> findNotifications(NotificationQuery query);

    /**
     * Pending notifications whose next attempt is due at or before {@code now} (or that have no
     * next attempt time), oldest first by creation time, then id.
     */
    List<NotificationRecord> duePendingNotifications(Instant now, int limit);

    // ---- notification configuration ---------------------------------------------------------

    /** The stored configuration with its secrets, or empty if none was saved. */
    Optional<NotificationConfig> notificationConfig();

    void saveNotificationConfig(NotificationConfig config);

    // ---- in-app inbox -----------------------------------------------------------------------

    /**
     * Adds a message and returns it. If a message with this id exists, it is kept unchanged and
     * returned instead, so a retried in-app delivery neither duplicates a message nor marks it unread.
     */
    InboxMessage addInboxMessage(InboxMessage message);

    /** A user's messages, including those addressed to all admins when {@code includeAdmins}; newest first. */
    Page<InboxMessage> inbox(String user, boolean includeAdmins, boolean unreadOnly, PageRequest page);

    /** Marks a message read; false if there is no such message. */
    boolean markRead(String messageId, Instant at);

    // ---- engine checkpoint ------------------------------------------------------------------

    /** Saves the evaluator's exported state (opaque text), replacing the previous checkpoint. */
    void saveEngineState(String state);

    Optional<String> loadEngineState();

    @Override
    default void close() {
    }
}
