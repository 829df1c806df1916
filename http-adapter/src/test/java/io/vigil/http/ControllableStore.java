package io.vigil.http;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.spi.RuleQuery;
import io.vigil.alerting.store.InMemoryAlertStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The reference store with two switches for tests: make every rule query fail (a broken
 * database), or hold rule lists until released (a slow request in flight).
 */
final class ControllableStore implements AlertStore {
    private final InMemoryAlertStore delegate = new InMemoryAlertStore();
    volatile boolean failing;
    volatile CountDownLatch hold;
    final CountDownLatch held = new CountDownLatch(1);

    @Override
    public Page<AlertRule> findRules(RuleQuery query) {
        if (failing) {
            throw new IllegalStateException("database unreachable");
        }
        CountDownLatch h = hold;
        if (h != null && query.page().pageSize() != PageRequest.MAX_PAGE_SIZE) {
            held.countDown();
            try {
                h.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return delegate.findRules(query);
    }

    @Override public AlertRule createRule(AlertRule rule) { return delegate.createRule(rule); }
    @Override public AlertRule updateRule(AlertRule rule) { return delegate.updateRule(rule); }
    @Override public boolean deleteRule(String id) { return delegate.deleteRule(id); }
    @Override public Optional<AlertRule> findRule(String id) { return delegate.findRule(id); }
    @Override public Optional<AlertRule> findRuleByName(String name) { return delegate.findRuleByName(name); }
    @Override public AlertRecord createRecord(AlertRecord record) { return delegate.createRecord(record); }
    @Override public AlertRecord updateRecord(AlertRecord record) { return delegate.updateRecord(record); }
    @Override public Optional<AlertRecord> findRecord(String id) { return delegate.findRecord(id); }
    @Override public Page<AlertRecord> findRecords(RecordQuery query) { return delegate.findRecords(query); }
    @Override public int purgeRecords(Instant cutoff, int batchSize) { return delegate.purgeRecords(cutoff, batchSize); }
    @Override public NotificationRecord createNotification(NotificationRecord n) { return delegate.createNotification(n); }
    @Override public NotificationRecord updateNotification(NotificationRecord n) { return delegate.updateNotification(n); }
    @Override public Optional<NotificationRecord> findNotification(String id) { return delegate.findNotification(id); }
    @Override public Page<NotificationRecord> findNotifications(NotificationQuery q) { return delegate.findNotifications(q); }
    @Override public List<NotificationRecord> duePendingNotifications(Instant now, int limit) {
        return delegate.duePendingNotifications(now, limit);
    }
    @Override public Optional<NotificationConfig> notificationConfig() { return delegate.notificationConfig(); }
    @Override public void saveNotificationConfig(NotificationConfig config) { delegate.saveNotificationConfig(config); }
    @Override public InboxMessage addInboxMessage(InboxMessage message) { return delegate.addInboxMessage(message); }
    @Override public Page<InboxMessage> inbox(String user, boolean includeAdmins, boolean unreadOnly, PageRequest page) {
        return delegate.inbox(user, includeAdmins, unreadOnly, page);
    }
    @Override public boolean markRead(String messageId, Instant at) { return delegate.markRead(messageId, at); }
    @Override public void saveEngineState(String state) { delegate.saveEngineState(state); }
    @Override public Optional<String> loadEngineState() { return delegate.loadEngineState(); }
}
