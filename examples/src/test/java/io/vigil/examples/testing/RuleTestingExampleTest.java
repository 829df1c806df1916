package io.vigil.examples.testing;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.runtime.Actor;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * <b>The pattern to copy</b> for testing your own alert rules in a JUnit test: no sleeping, no
 * threads, no network. Time is a {@link ManualClock} you move by hand; {@link Alerting#tick()}
 * does, at the clock's time, what the background ticker would do; notifications are captured in a
 * list instead of being sent.
 *
 * <p>Dependencies (test scope): {@code io.vigil:alerting-engine} and
 * {@code io.vigil:collectors-testkit} (for {@code ManualClock}; any mutable {@code Clock} works).
 *
 * <p>Rules to remember: never call {@code alerting.start()} in a test (that starts the real
 * ticker); record samples, move the clock, call {@code tick()}, assert.
 */
class RuleTestingExampleTest {
    // 1. A clock you control, starting at a fixed instant so failures are reproducible.
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));

    // 2. Notifications are only collected: the runtime hands each request to this, on the test's thread.
    private final List<NotificationRequest> notifications = new CopyOnWriteArrayList<>();

    // 3. Vigil on that clock, with the in-memory store (the default) and the collecting hand-off.
    private final Alerting alerting = Alerting.builder()
            .clock(clock)
            .notifications(notifications::add)
            .build();

    @AfterEach
    void close() {
        alerting.close();
    }

    // The rule under test, exactly as production creates it.
    private static AlertRule queueBacklogRule() {
        return AlertRule.named("orders_backlog")
                .describedAs("The orders queue has been above 1000 for 3 minutes")
                .when(Condition.last("queue_depth").above(1000).holdFor(Duration.ofMinutes(3)))
                .where("queue", "orders")                      // only samples labelled queue=orders
                .severity(Severity.HIGH)
                .notifications(NotificationPolicy.to(Channels.SLACK))
                .build();
    }

    @Test
    void theBacklogAlertFiresAfterThreeMinutesAndResolvesWhenTheQueueDrains() {
        alerting.rules().create(queueBacklogRule(), Actor.of("test"));

        // Below the threshold for a while: nothing.
        queueDepth(200, Duration.ofMinutes(5));
        assertThat(records()).isEmpty();

        // Above the threshold, but not yet for 3 minutes: still nothing (it is pending).
        queueDepth(4200, Duration.ofMinutes(2));
        assertThat(records()).isEmpty();

        // A little longer: it fires, with the value that triggered it, and Slack is notified.
        queueDepth(4200, Duration.ofMinutes(2));
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.ruleName()).isEqualTo("orders_backlog");
            assertThat(r.status()).isEqualTo(AlertStatus.ACTIVE);
            assertThat(r.triggerValue()).isEqualTo(4200.0);
            assertThat(r.labels().get("queue")).isEqualTo("orders");
        });
        assertThat(notifications).extracting(NotificationRequest::kind).containsExactly(NotificationKind.FIRING);
        assertThat(notifications.get(0).targetChannels()).containsExactly(Channels.SLACK);

        // The queue drains: the alert resolves by itself, and the recovery is announced.
        queueDepth(10, Duration.ofMinutes(1));
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(r.resolveValue()).isEqualTo(10.0);
        });
        assertThat(notifications).extracting(NotificationRequest::kind)
                .containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
    }

    @Test
    void otherQueuesDoNotTriggerIt() {
        alerting.rules().create(queueBacklogRule(), Actor.of("test"));

        for (int i = 0; i < 60; i++) {
            alerting.record("queue_depth", 9999, Labels.of("queue", "emails"));
            clock.advance(Duration.ofSeconds(10));
            alerting.tick();
        }

        assertThat(records()).isEmpty();
        assertThat(notifications).isEmpty();
    }

    /** One sample every 10 seconds for {@code span}, evaluated as it arrives. */
    private void queueDepth(double value, Duration span) {
        for (Duration t = Duration.ZERO; t.compareTo(span) < 0; t = t.plusSeconds(10)) {
            alerting.record("queue_depth", value, Labels.of("queue", "orders"));
            alerting.tick();
            clock.advance(Duration.ofSeconds(10));
        }
    }

    private List<AlertRecord> records() {
        return alerting.records().all(RecordQuery.all());
    }
}
