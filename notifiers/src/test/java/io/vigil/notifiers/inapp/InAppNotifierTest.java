package io.vigil.notifiers.inapp;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.store.InMemoryAlertStore;
import io.vigil.notifiers.Fixtures;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.TestContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InAppNotifierTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");
    private final InMemoryAlertStore store = new InMemoryAlertStore();

    @Test
    void writesOneInboxMessagePerUserReadableAndMarkableThroughTheStore() {
        try (NotifierEnvironment env = TestContext.env(clock, Map.of(), null, store);
             Notifier inApp = new InAppNotifierProvider().create(env).orElseThrow()) {
            assertThat(inApp.send(Fixtures.firing("inApp", "usr_002", ChannelSettings.defaults())).isDelivered()).isTrue();

            var page = store.inbox("usr_002", false, true, PageRequest.first());
            assertThat(page.items()).hasSize(1);
            InboxMessage m = page.items().get(0);
            assertThat(m.id()).isEqualTo("n-1");
            assertThat(m.alertId()).isEqualTo("alert_001");
            assertThat(m.severity()).isEqualTo(Severity.HIGH);
            assertThat(m.title()).isEqualTo("[HIGH] CPU high is firing");
            assertThat(m.body()).contains("Metric: cpu.usagePercent = 85.5");
            assertThat(m.createdAt()).isEqualTo(clock.instant());

            assertThat(store.markRead(m.id(), clock.instant())).isTrue();
            assertThat(store.inbox("usr_002", false, true, PageRequest.first()).items()).isEmpty();
            assertThat(store.inbox("usr_999", true, false, PageRequest.first()).items()).isEmpty();
        }
    }

    @Test
    void noUserMeansAllAdminsAndARepeatedAttemptDoesNotDuplicate() {
        try (NotifierEnvironment env = TestContext.env(clock, Map.of(), null, store);
             Notifier inApp = new InAppNotifierProvider().create(env).orElseThrow()) {
            Notification n = Fixtures.firing("inApp", "", ChannelSettings.defaults());
            inApp.send(n);
            inApp.send(n);

            var admins = store.inbox("usr_001", true, false, PageRequest.first()).items();
            assertThat(admins).hasSize(1);
            assertThat(admins.get(0).recipient()).isEqualTo(InboxMessage.ALL_ADMINS);
            assertThat(store.inbox("usr_001", false, false, PageRequest.first()).items()).isEmpty();
        }
    }

    @Test
    void withoutAStoreThereIsNoInAppChannel() {
        try (NotifierEnvironment env = TestContext.env(clock, Map.of())) {
            assertThat(new InAppNotifierProvider().create(env)).isEmpty();
        }
    }
}
