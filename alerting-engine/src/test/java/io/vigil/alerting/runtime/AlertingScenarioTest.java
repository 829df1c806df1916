package io.vigil.alerting.runtime;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.engine.RuleEvaluation;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End-to-end scenarios through the facade, driven by a manual clock and explicit ticks. */
class AlertingScenarioTest {
    private static final Instant T0 = Instant.parse("2026-02-03T12:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final RecordingHandoff handoff = new RecordingHandoff();
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Actor ops = new Actor("usr_002", "Ops");
    private Alerting alerting = newAlerting();

    private Alerting newAlerting() {
        Alerting a = Alerting.builder().clock(clock).store(store).notifications(handoff)
                .hostLabels(Labels.of("host", "test"))
                .ids(() -> "rule_" + ids.incrementAndGet(), () -> "alert_" + ids.incrementAndGet())
                .build();
        a.addListener(new AlertListener() {
            @Override
            public void recordCreated(AlertRecord r) {
                events.add("created " + r.ruleName());
            }

            @Override
            public void recordResolved(AlertRecord r) {
                events.add("resolved " + r.ruleName());
            }
        });
        return a;
    }

    @AfterEach
    void close() {
        alerting.close();
    }

    private AlertRule cpuRule() {
        return AlertRule.named("cpu_usage_high")
                .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80).holdFor(Duration.ofMinutes(1)))
                .severity(Severity.HIGH)
                .notifications(NotificationPolicy.builder().channels(Channels.EMAIL, Channels.DISCORD)
                        .escalateAfter(Duration.ofMinutes(30), Channels.SMS).build())
                .cooldown(Duration.ofMinutes(30))
                .build();
    }

    /** Pushes one cpu sample per 10 s for {@code seconds} at {@code value}, ticking after each. */
    private void cpu(double value, int seconds) {
        for (int s = 0; s < seconds; s += 10) {
            alerting.record("cpu_usage", value, Labels.of("host", "web-1"));
            alerting.tick();
            clock.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void firesAcknowledgesEscalatesOnlyWhileUnacknowledgedAndResolvesOnRecovery() {
        alerting.rules().create(cpuRule(), ops);
        alerting.record("memory_usage", 61.5, Labels.of("host", "web-1"));

        cpu(50, 300);
        assertThat(store.findRecords(RecordQuery.all()).items()).isEmpty();

        // From 12:05:00 the value is 95. The 5-minute average first reaches 80 at 12:08:50
        // (23 samples of 95 and 7 of 50 give (23*95+7*50)/30 = 84.5; at 12:08:40 it is 79.6... computed below)
        cpu(95, 1200);
        List<AlertRecord> open = store.findRecords(RecordQuery.all()).items();
        assertThat(open).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(AlertStatus.ACTIVE);
            assertThat(r.labels()).isEqualTo(Labels.of("host", "web-1"));
            assertThat(r.condition()).isEqualTo("avg(cpu_usage[5m]) >= 80 for 1m");
            assertThat(r.snapshot()).containsEntry("memory_usage", 61.5).containsKey("cpu_usage");
            assertThat(r.triggerValue()).isGreaterThanOrEqualTo(80.0);
        });
        AlertRecord fired = open.get(0);
        // avg crosses 80 when 19 of the 30 samples in (t-5m, t] are 95: (19*95 + 11*50)/30 = 78.5 < 80,
        // 20 of 30: (20*95+10*50)/30 = 80.0 -> at the 20th sample of 95, 12:08:10; fires 1 minute later.
        assertThat(fired.triggeredAt()).isEqualTo(Instant.parse("2026-02-03T12:09:10Z"));
        assertThat(handoff.kinds()).containsExactly(NotificationKind.FIRING);
        assertThat(handoff.requests.get(0).channels()).containsExactly(Channels.EMAIL, Channels.DISCORD);

        // Still unacknowledged at firing + 30 min (12:39:10): escalation to SMS.
        cpu(95, 30 * 60);
        assertThat(handoff.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.ESCALATION);
        assertThat(handoff.requests.get(1).channels()).containsExactly(Channels.SMS);
        assertThat(alerting.records().require(fired.id()).escalationLevel()).isEqualTo(1);

        alerting.records().acknowledge(fired.id(), ops, "looking");
        cpu(95, 60 * 60);
        assertThat(handoff.kinds()).as("no reminders or escalations once acknowledged")
                .containsExactly(NotificationKind.FIRING, NotificationKind.ESCALATION);

        cpu(20, 10 * 60);
        AlertRecord resolved = alerting.records().require(fired.id());
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo(AlertRecord.SYSTEM);
        assertThat(resolved.resolveValue()).isLessThan(80.0);
        assertThat(resolved.acknowledgedBy()).isEqualTo("usr_002");
        assertThat(handoff.kinds()).endsWith(NotificationKind.RESOLVED);
        assertThat(events).containsExactly("created cpu_usage_high", "resolved cpu_usage_high");
        assertThat(alerting.ruleStats(fired.ruleId()).triggerCount()).isEqualTo(1);
        assertThat(alerting.metrics().counter("vigil.transitions.firing").getCount()).isEqualTo(1);
    }

    @Test
    void ruleChangesTakeEffectOnTheNextEvaluation() {
        AlertRule rule = alerting.rules().create(AlertRule.named("q").when(Condition.last("queue_depth").above(100))
                .build(), ops);
        alerting.record("queue_depth", 50, Labels.empty());
        alerting.tick();
        assertThat(store.findRecords(RecordQuery.all()).total()).isZero();

        alerting.rules().update(rule.id(), b -> b.conditions(List.of(Condition.last("queue_depth").above(40).build())), ops);
        clock.advance(Duration.ofSeconds(1));
        alerting.record("queue_depth", 50, Labels.empty());
        alerting.tick();
        assertThat(store.findRecords(RecordQuery.all()).total()).isEqualTo(1);

        alerting.rules().setEnabled(rule.id(), false, ops);
        alerting.rules().update(rule.id(), b -> b.name("q2"), ops);
        assertThat(alerting.evaluateNow(null)).isEmpty();
    }

    @Test
    void manualSendRespectsCooldownUnlessForced() {
        alerting.rules().create(cpuRule(), ops);
        Labels web = Labels.of("hostname", "web-server-01");

        assertThat(alerting.sendNow("cpu_usage_high", 85.0, web, Map.of("additional_info", "check it"), false))
                .hasValueSatisfying(r -> {
                    assertThat(r.triggerValue()).isEqualTo(85.0);
                    assertThat(r.status()).isEqualTo(AlertStatus.ACTIVE);
                });
        assertThat(handoff.requests.get(0).message().extra()).containsEntry("additional_info", "check it");
        clock.advance(Duration.ofMinutes(5));
        assertThat(alerting.sendNow("cpu_usage_high", 86.0, web, Map.of(), false)).isEmpty();
        assertThat(alerting.sendNow("cpu_usage_high", 87.0, web, Map.of(), true)).isPresent();
        assertThat(store.findRecords(RecordQuery.all()).total()).isEqualTo(2);
        assertThatThrownBy(() -> alerting.sendNow("nope", 1, web, Map.of(), true))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_NOT_FOUND));
    }

    @Test
    void evaluateNowReportsValueAndThresholdPerInstance() {
        alerting.rules().create(AlertRule.named("disk_space_low")
                .when(Condition.last("disk_free_percent").below(10)).severity(Severity.CRITICAL).build(), ops);
        alerting.record("disk_free_percent", 7.5, Labels.of("mount", "/"));
        alerting.record("disk_free_percent", 40, Labels.of("mount", "/data"));

        List<RuleEvaluation> result = alerting.evaluateNow(List.of("disk_space_low"));

        assertThat(result).singleElement().satisfies(r -> {
            assertThat(r.holds()).isTrue();
            assertThat(r.instances()).hasSize(2);
            assertThat(r.instances()).filteredOn(i -> i.labels().equals(Labels.of("mount", "/")))
                    .singleElement().satisfies(i -> {
                        assertThat(i.holds()).isTrue();
                        assertThat(i.conditions().get(0).value()).isEqualTo(7.5);
                    });
        });
    }

    @Test
    void restartKeepsFiringAlertsAndHoldTimesAndResolvesTheOldRecord() {
        alerting.rules().create(AlertRule.named("hot").when(Condition.last("temp").above(80).holdFor(Duration.ofMinutes(5)))
                .build(), ops);
        alerting.rules().create(AlertRule.named("slow").when(Condition.last("latency").above(1).holdFor(Duration.ofMinutes(5)))
                .build(), ops);
        // "hot" fires; "slow" is 3 minutes into its 5-minute hold when the process stops.
        for (int m = 0; m <= 6; m++) {
            alerting.record("temp", 90, Labels.empty());
            if (m >= 3) {
                alerting.record("latency", 2, Labels.empty());
            }
            alerting.tick();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(store.findRecords(RecordQuery.all()).items()).extracting(AlertRecord::ruleName).containsExactly("hot");
        alerting.close();

        alerting = newAlerting();
        for (int m = 0; m < 3; m++) {
            alerting.record("temp", 90, Labels.empty());
            alerting.record("latency", 2, Labels.empty());
            alerting.tick();
            clock.advance(Duration.ofMinutes(1));
        }
        List<AlertRecord> all = store.findRecords(RecordQuery.all()).items();
        assertThat(all).extracting(AlertRecord::ruleName).as("hot not re-fired; slow kept its hold progress")
                .containsExactlyInAnyOrder("hot", "slow");
        AlertRecord slow = all.stream().filter(r -> r.ruleName().equals("slow")).findFirst().orElseThrow();
        assertThat(slow.triggeredAt()).isEqualTo(T0.plus(Duration.ofMinutes(8)));

        alerting.record("temp", 20, Labels.empty());
        alerting.tick();
        AlertRecord hot = all.stream().filter(r -> r.ruleName().equals("hot")).findFirst().orElseThrow();
        assertThat(alerting.records().require(hot.id()).status()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void aPersonResolvingAFiringAlertClosesItsRecordAndAStillFailingConditionFiresAgainAfterTheCooldown() {
        alerting.rules().create(AlertRule.named("q").when(Condition.last("queue_depth").above(100))
                .cooldown(Duration.ZERO).build(), ops);
        alerting.record("queue_depth", 500, Labels.empty());
        alerting.tick();
        AlertRecord first = store.findRecords(RecordQuery.all()).items().get(0);
        alerting.records().resolve(first.id(), ops, "drained by hand");

        // The queue is still at 500: a new episode starts at once and fires when the global
        // cooldown floor (5 min) allows; the value recovers at 12:10 and that record resolves.
        clock.advance(Duration.ofMinutes(10));
        alerting.record("queue_depth", 20, Labels.empty());
        alerting.tick();
        clock.advance(Duration.ofMinutes(10));
        alerting.record("queue_depth", 700, Labels.empty());
        alerting.tick();

        List<AlertRecord> all = new ArrayList<>(store.findRecords(RecordQuery.all()).items());
        all.sort(java.util.Comparator.comparing(AlertRecord::triggeredAt));
        assertThat(all).extracting(AlertRecord::triggeredAt)
                .containsExactly(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(20)));
        assertThat(all).extracting(AlertRecord::resolvedBy).containsExactly("usr_002", AlertRecord.SYSTEM, null);
        assertThat(all.get(1).resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(all.get(2).status()).isEqualTo(AlertStatus.ACTIVE);
    }

    @Test
    void aRecordWrittenAfterTheLastCheckpointIsAdoptedAfterACrash() {
        alerting.rules().create(AlertRule.named("hot").when(Condition.last("temp").above(80)).notify("webhook").build(),
                ops);
        alerting.checkpoint();                       // the last checkpoint knows nothing firing
        alerting.record("temp", 90, Labels.of("host", "a"));
        alerting.tick();                             // fires; the process "dies" before the next checkpoint
        AlertRecord fired = store.findRecords(RecordQuery.all()).items().get(0);
        alerting.records().acknowledge(fired.id(), ops, "on it");

        Alerting restarted = newAlerting();          // same store, no close(): a crash
        clock.advance(Duration.ofMinutes(1));
        restarted.record("temp", 91, Labels.of("host", "a"));
        restarted.tick();
        assertThat(store.findRecords(RecordQuery.all()).items()).as("no second record for the same firing")
                .extracting(AlertRecord::id).containsExactly(fired.id());

        clock.advance(Duration.ofMinutes(1));
        restarted.record("temp", 20, Labels.of("host", "a"));
        restarted.tick();
        AlertRecord resolved = restarted.records().require(fired.id());
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.acknowledgeNote()).isEqualTo("on it");
        assertThat(handoff.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
        restarted.close();
    }
}
