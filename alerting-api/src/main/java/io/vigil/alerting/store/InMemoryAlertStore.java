package io.vigil.alerting.store;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.spi.RuleQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The reference {@link AlertStore}: everything in memory, lost when the process ends. It is the
 * default for embedded use and tests, and the behaviour the durable stores are tested against.
 *
 * <p>One lock guards all maps: stores are called far less often than the evaluator, and a single
 * lock makes the check-then-write steps (unique names, version checks) trivially atomic.
 */
public final class InMemoryAlertStore implements AlertStore {
    private static final Comparator<AlertRecord> NEWEST_RECORD_FIRST =
            Comparator.comparing(AlertRecord::triggeredAt).reversed().thenComparing(AlertRecord::id);
    private static final Comparator<NotificationRecord> NEWEST_NOTIFICATION_FIRST =
            Comparator.comparing(NotificationRecord::createdAt).reversed().thenComparing(NotificationRecord::id);
    private static final Comparator<NotificationRecord> OLDEST_NOTIFICATION_FIRST =
            Comparator.comparing(NotificationRecord::createdAt).thenComparing(NotificationRecord::id);

    private final Object lock = new Object();
    private final Map<String, AlertRule> rules = new HashMap<>();
    private final Map<String, AlertRecord> records = new HashMap<>();
    private final Map<String, NotificationRecord> notifications = new LinkedHashMap<>();
    private final Map<String, InboxMessage> inbox = new LinkedHashMap<>();
    private NotificationConfig notificationConfig;
    private String engineState;

    // ---- rules ------------------------------------------------------------------------------

    @Override
    public AlertRule createRule(AlertRule rule) {
        Objects.requireNonNull(rule.id(), "a stored rule needs an id");
        synchronized (lock) {
            if (rules.containsKey(rule.id())) {
                throw new AlertingException(ErrorCode.RULE_NAME_CONFLICT, "a rule with id '" + rule.id() + "' exists");
            }
            requireFreeName(rule.name(), rule.id());
            AlertRule stored = rule.toBuilder().version(1).build();
            rules.put(stored.id(), stored);
            return stored;
        }
    }

    @Override
    public AlertRule updateRule(AlertRule rule) {
        synchronized (lock) {
            AlertRule current = rules.get(rule.id());
            if (current == null) {
                throw AlertingException.ruleNotFound(rule.id());
            }
            requireVersion(current.version(), rule.version(), "rule " + rule.id());
            requireFreeName(rule.name(), rule.id());
            AlertRule stored = rule.toBuilder().version(current.version() + 1).build();
            rules.put(stored.id(), stored);
            return stored;
        }
    }

    private void requireFreeName(String name, String ownId) {
        for (AlertRule r : rules.values()) {
            if (r.name().equals(name) && !r.id().equals(ownId)) {
                throw new AlertingException(ErrorCode.RULE_NAME_CONFLICT, "a rule named '" + name + "' exists");
            }
        }
    }

    @Override
    public boolean deleteRule(String id) {
        synchronized (lock) {
            return rules.remove(id) != null;
        }
    }

    @Override
    public Optional<AlertRule> findRule(String id) {
        synchronized (lock) {
            return Optional.ofNullable(rules.get(id));
        }
    }

    @Override
    public Optional<AlertRule> findRuleByName(String name) {
        synchronized (lock) {
            return rules.values().stream().filter(r -> r.name().equals(name)).findFirst();
        }
    }

    @Override
    public Page<AlertRule> findRules(RuleQuery query) {
        synchronized (lock) {
            return page(rules.values(), query::matches, Comparator.comparing(AlertRule::name), query.page());
        }
    }

    // ---- alert records ----------------------------------------------------------------------

    @Override
    public AlertRecord createRecord(AlertRecord record) {
        synchronized (lock) {
            if (records.containsKey(record.id())) {
                throw new AlertingException(ErrorCode.VERSION_CONFLICT, "alert record " + record.id() + " exists");
            }
            AlertRecord stored = record.withNotifications(List.of()).withVersion(1);
            records.put(stored.id(), stored);
            return withAttempts(stored);
        }
    }

    @Override
    public AlertRecord updateRecord(AlertRecord record) {
        synchronized (lock) {
            AlertRecord current = records.get(record.id());
            if (current == null) {
                throw AlertingException.alertNotFound(record.id());
            }
            requireVersion(current.version(), record.version(), "alert record " + record.id());
            AlertRecord stored = record.withNotifications(List.of()).withVersion(current.version() + 1);
            records.put(stored.id(), stored);
            return withAttempts(stored);
        }
    }

    @Override
    public Optional<AlertRecord> findRecord(String id) {
        synchronized (lock) {
            return Optional.ofNullable(records.get(id)).map(this::withAttempts);
        }
    }

    @Override
    public Page<AlertRecord> findRecords(RecordQuery query) {
        synchronized (lock) {
            Page<AlertRecord> page = page(records.values(), query::matches, NEWEST_RECORD_FIRST, query.page());
            List<AlertRecord> filled = new ArrayList<>(page.items().size());
            for (AlertRecord r : page.items()) {
                filled.add(withAttempts(r));
            }
            return new Page<>(filled, page.page(), page.pageSize(), page.total());
        }
    }

    private AlertRecord withAttempts(AlertRecord r) {
        List<NotificationRecord> mine = new ArrayList<>();
        for (NotificationRecord n : notifications.values()) {
            if (r.id().equals(n.alertId())) {
                mine.add(n);
            }
        }
        mine.sort(OLDEST_NOTIFICATION_FIRST);
        return mine.isEmpty() ? r : r.withNotifications(mine.stream().map(NotificationAttempt::of).toList());
    }

    @Override
    public int purgeRecords(Instant cutoff, int batchSize) {
        synchronized (lock) {
            List<String> doomed = records.values().stream()
                    .filter(r -> r.triggeredAt().isBefore(cutoff))
                    .sorted(Comparator.comparing(AlertRecord::triggeredAt).thenComparing(AlertRecord::id))
                    .limit(batchSize)
                    .map(AlertRecord::id)
                    .toList();
            doomed.forEach(records::remove);
            Set<String> gone = Set.copyOf(doomed);
            notifications.values().removeIf(n -> n.alertId() != null && gone.contains(n.alertId()));
            return doomed.size();
        }
    }

    // ---- notifications ----------------------------------------------------------------------

    @Override
    public NotificationRecord createNotification(NotificationRecord notification) {
        synchronized (lock) {
            if (notifications.containsKey(notification.id())) {
                throw new AlertingException(ErrorCode.VERSION_CONFLICT, "notification " + notification.id() + " exists");
            }
            NotificationRecord stored = notification.withVersion(1);
            notifications.put(stored.id(), stored);
            return stored;
        }
    }

    @Override
    public NotificationRecord updateNotification(NotificationRecord notification) {
        synchronized (lock) {
            NotificationRecord current = notifications.get(notification.id());
            if (current == null) {
                throw new AlertingException(ErrorCode.NOTIFICATION_NOT_FOUND, "no notification '" + notification.id() + "'");
            }
            requireVersion(current.version(), notification.version(), "notification " + notification.id());
            NotificationRecord stored = notification.withVersion(current.version() + 1);
            notifications.put(stored.id(), stored);
            return stored;
        }
    }

    @Override
    public Optional<NotificationRecord> findNotification(String id) {
        synchronized (lock) {
            return Optional.ofNullable(notifications.get(id));
        }
    }

    @Override
    public Page<NotificationRecord> findNotifications(NotificationQuery query) {
        synchronized (lock) {
            return page(notifications.values(), query::matches, NEWEST_NOTIFICATION_FIRST, query.page());
        }
    }

    @Override
    public List<NotificationRecord> duePendingNotifications(Instant now, int limit) {
        synchronized (lock) {
            return notifications.values().stream()
                    .filter(n -> n.status() == NotificationStatus.PENDING)
                    .filter(n -> n.nextAttemptAt() == null || !n.nextAttemptAt().isAfter(now))
                    .sorted(OLDEST_NOTIFICATION_FIRST)
                    .limit(limit)
                    .toList();
        }
    }

    // ---- configuration, inbox, checkpoint ---------------------------------------------------

    @Override
    public Optional<NotificationConfig> notificationConfig() {
        synchronized (lock) {
            return Optional.ofNullable(notificationConfig);
        }
    }

    @Override
    public void saveNotificationConfig(NotificationConfig config) {
        synchronized (lock) {
            notificationConfig = Objects.requireNonNull(config, "config");
        }
    }

    @Override
    public InboxMessage addInboxMessage(InboxMessage message) {
        synchronized (lock) {
            InboxMessage stored = inbox.putIfAbsent(message.id(), message);
            return stored == null ? message : stored;
        }
    }

    @Override
    public Page<InboxMessage> inbox(String user, boolean includeAdmins, boolean unreadOnly, PageRequest page) {
        synchronized (lock) {
            Predicate<InboxMessage> mine = m -> m.recipient().equals(user)
                    || (includeAdmins && m.recipient().equals(InboxMessage.ALL_ADMINS));
            Predicate<InboxMessage> filter = unreadOnly ? mine.and(m -> !m.isRead()) : mine;
            Comparator<InboxMessage> newestFirst =
                    Comparator.comparing(InboxMessage::createdAt).reversed().thenComparing(InboxMessage::id);
            return page(inbox.values(), filter, newestFirst, page);
        }
    }

    @Override
    public boolean markRead(String messageId, Instant at) {
        synchronized (lock) {
            InboxMessage m = inbox.get(messageId);
            if (m == null) {
                return false;
            }
            inbox.put(messageId, m.markedRead(at));
            return true;
        }
    }

    @Override
    public void saveEngineState(String state) {
        synchronized (lock) {
            engineState = Objects.requireNonNull(state, "state");
        }
    }

    @Override
    public Optional<String> loadEngineState() {
        synchronized (lock) {
            return Optional.ofNullable(engineState);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void requireVersion(long stored, long given, String what) {
        if (stored != given) {
            throw new AlertingException(ErrorCode.VERSION_CONFLICT,
                    what + " was changed by someone else (version " + stored + ", yours " + given + "); reload and retry");
        }
    }

    private static <T> Page<T> page(Iterable<T> all, Predicate<? super T> filter, Comparator<? super T> order,
                                    PageRequest request) {
        List<T> matching = new ArrayList<>();
        for (T t : all) {
            if (filter.test(t)) {
                matching.add(t);
            }
        }
        matching.sort(order);
        return Page.slice(matching, request.page(), request.pageSize());
    }
}
