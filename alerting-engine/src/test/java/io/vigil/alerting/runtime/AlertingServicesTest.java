package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertingServicesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-02-01T00:00:00Z"));
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final Actor ops = Actor.of("ops");

    @Test
    void discoveredCollectorsRunOnTheClockAndFeedRules() throws Exception {
        try (Alerting alerting = Alerting.builder().clock(clock).store(store)
                .hostLabels(Labels.of("host", "node-7"))
                .discoverCollectors(Map.of("testtemp.value", "95", "testtemp.interval", "30s"))
                .build()) {
            alerting.rules().create(AlertRule.named("inlet_hot").when(Condition.last("test_temperature").above(90))
                    .build(), ops);

            alerting.tick();                                  // starts the first collection
            waitForCollections(alerting);
            alerting.tick();                                  // evaluates what it collected

            assertThat(alerting.collectors()).filteredOn(s -> s.name().equals("testtemp")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.available()).isTrue();
                        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(30));
                        assertThat(s.runs()).isEqualTo(1);
                    });
            assertThat(store.findRecords(RecordQuery.all()).items()).singleElement()
                    .satisfies(r -> assertThat(r.labels()).isEqualTo(Labels.of("host", "node-7", "sensor", "inlet")));
            assertThat(alerting.latestSamples(s -> s.metric().equals("test_temperature"))).hasSize(1);
        }
    }

    @Test
    void anUnconfiguredPluginIsListedAsUnavailableWithItsReason() {
        try (Alerting alerting = Alerting.builder().clock(clock).store(store).discoverCollectors(Map.of()).build()) {
            assertThat(alerting.collectors()).filteredOn(s -> s.name().equals("testtemp")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.available()).isFalse();
                        assertThat(s.unavailableReason()).isEqualTo("testtemp.value is not configured");
                    });
        }
    }

    private static void waitForCollections(Alerting alerting) throws InterruptedException {
        // The collection runs on the collector pool; waiting for it is not waiting for a timer.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alerting.queuedSamples() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void statisticsAndTrendsThroughTheFacadeOverSeveralDays() {
        try (Alerting alerting = Alerting.builder().clock(clock).store(store).build()) {
            AlertRule rule = alerting.rules().create(AlertRule.named("q").severity(Severity.CRITICAL)
                    .when(Condition.last("queue_depth").above(100)).cooldown(Duration.ZERO).build(), ops);
            // Day 1 06:00 fires, resolves by recovery at 06:20 (20 min); day 2 06:00 fires,
            // acknowledged after 5 min, resolved at 06:40 (40 min); day 3 06:00 fires and stays.
            for (int day = 0; day < 3; day++) {
                clock.set(Instant.parse("2026-02-01T06:00:00Z").plus(Duration.ofDays(day)));
                alerting.record("queue_depth", 500, Labels.empty());
                alerting.tick();
                if (day == 0) {
                    clock.advance(Duration.ofMinutes(20));
                    alerting.record("queue_depth", 5, Labels.empty());
                    alerting.tick();
                } else if (day == 1) {
                    AlertRecord r = store.findRecords(RecordQuery.all()).items().get(0);
                    clock.advance(Duration.ofMinutes(5));
                    alerting.records().acknowledge(r.id(), ops, null);
                    clock.advance(Duration.ofMinutes(35));
                    alerting.record("queue_depth", 5, Labels.empty());
                    alerting.tick();
                }
            }
            clock.set(Instant.parse("2026-02-03T12:00:00Z"));

            AlertStatistics s = alerting.statistics(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-04T00:00:00Z"));
            assertThat(s.overview().totalAlerts()).isEqualTo(3);
            assertThat(s.overview().activeAlerts()).isEqualTo(1);
            assertThat(s.overview().resolvedAlerts()).isEqualTo(2);
            assertThat(s.mttr().averageMinutes()).isEqualTo(30.0);
            assertThat(s.mttr().bySeverityMinutes()).containsExactly(Map.entry(Severity.CRITICAL, 30.0));
            assertThat(s.mtta().averageMinutes()).isEqualTo(5.0);
            assertThat(s.alertsToday()).isEqualTo(1);
            assertThat(s.byRule()).containsExactly(new AlertStatistics.RuleCount(rule.id(), "q", 3));
            assertThat(alerting.ruleStats(rule.id())).isEqualTo(new RuleStats(3, Instant.parse("2026-02-03T06:00:00Z")));

            List<TrendPoint> days = alerting.trends(Instant.parse("2026-02-01T00:00:00Z"),
                    Instant.parse("2026-02-04T00:00:00Z"), TrendPoint.Bucket.DAY);
            assertThat(days).extracting(TrendPoint::total).containsExactly(1L, 1L, 1L);
            assertThat(alerting.metrics().getGauges().get("vigil.alerts.active.critical").getValue()).isEqualTo(1L);
        }
    }

    @Test
    void purgeDeletesRecordsOlderThanTheRetention() {
        try (Alerting alerting = Alerting.builder().clock(clock).store(store).retention(Duration.ofDays(30)).build()) {
            AlertRule rule = AlertRule.named("q").id("rule_q").when(Condition.last("x").above(1)).build();
            for (int i = 0; i < 2500; i++) {
                store.createRecord(AlertRecord.fired("old_" + i, rule, Labels.empty(), "x", 2.0, Threshold.of(1), "x > 1",
                        Map.of(), clock.instant().minus(Duration.ofDays(31))));
            }
            store.createRecord(AlertRecord.fired("new", rule, Labels.empty(), "x", 2.0, Threshold.of(1), "x > 1",
                    Map.of(), clock.instant().minus(Duration.ofDays(29))));

            assertThat(alerting.purge()).isEqualTo(2500);
            assertThat(store.findRecords(RecordQuery.all()).items()).extracting(AlertRecord::id).containsExactly("new");
        }
    }

    @Test
    void aThrowingListenerOrHandoffDoesNotStopEvaluation() {
        try (Alerting alerting = Alerting.builder().clock(clock).store(store)
                .notifications(request -> {
                    throw new IllegalStateException("dispatcher down");
                })
                .listener(new AlertListener() {
                    @Override
                    public void recordCreated(AlertRecord record) {
                        throw new IllegalStateException("listener bug");
                    }
                }).build()) {
            alerting.rules().create(AlertRule.named("q").when(Condition.last("q").above(1))
                    .notify("email").cooldown(Duration.ZERO).build(), ops);
            alerting.record("q", 5, Labels.of("n", "1"));
            alerting.record("q", 5, Labels.of("n", "2"));
            alerting.tick();
            assertThat(store.findRecords(RecordQuery.all()).total()).isEqualTo(2);
            assertThat(alerting.metrics().counter("vigil.failures.handoff").getCount()).isEqualTo(2);
        }
    }

    @Test
    void twoInstancesInOneJvmShareNothing() {
        try (Alerting a = Alerting.builder().clock(clock).build();
             Alerting b = Alerting.builder().clock(clock).build()) {
            a.rules().create(AlertRule.named("q").when(Condition.last("q").above(1)).build(), ops);
            a.record("q", 5, Labels.empty());
            b.record("q", 5, Labels.empty());
            a.tick();
            b.tick();

            assertThat(b.rules().all()).isEmpty();
            assertThat(a.store().findRecords(RecordQuery.all()).total()).isEqualTo(1);
            assertThat(b.store().findRecords(RecordQuery.all()).total()).isZero();
            assertThat(a.metrics()).isNotSameAs(b.metrics());
            assertThat(b.metrics().counter("vigil.transitions.firing").getCount()).isZero();
        }
    }
}
