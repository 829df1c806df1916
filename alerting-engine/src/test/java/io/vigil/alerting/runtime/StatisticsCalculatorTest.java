package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A scripted history over three days; every expected figure below is worked out by hand from the
 * script in the comments.
 */
class StatisticsCalculatorTest {
    private static final Instant DAY1 = Instant.parse("2026-02-01T00:00:00Z");

    private final AlertRule cpu = AlertRule.named("cpu_high").id("rule_cpu").severity(Severity.HIGH)
            .when(Condition.last("cpu_usage").above(80)).build();
    private final AlertRule mem = AlertRule.named("mem_critical").id("rule_mem").severity(Severity.CRITICAL)
            .when(Condition.last("memory_usage").above(90)).build();
    private final AlertRule disk = AlertRule.named("disk_low").id("rule_disk").severity(Severity.LOW).enabled(false)
            .when(Condition.last("disk_free_percent").below(10)).build();

    private AlertRecord fired(String id, AlertRule rule, String metric, String vm, Instant at) {
        return AlertRecord.fired(id, rule, Labels.of("vm", vm, "vm_name", "name-" + vm), metric, 95.0,
                Threshold.of(80), "x", Map.of(), at);
    }

    private static Instant at(int day, int hour, int minute) {
        return DAY1.plus(Duration.ofDays(day - 1).plusHours(hour).plusMinutes(minute));
    }

    private List<AlertRecord> script() {
        List<AlertRecord> r = new ArrayList<>();
        // Day 1 10:00 cpu on vm1: acknowledged after 10 min, resolved after 30 min -> MTTA 10, MTTR 30 (high)
        r.add(fired("a1", cpu, "cpu_usage", "vm1", at(1, 10, 0))
                .acknowledge("u", "U", null, at(1, 10, 10)).resolve("u", "U", null, null, at(1, 10, 30))
                .withNotifications(List.of(attempt("email"), attempt("discord"))));
        // Day 1 22:00 mem on vm2: resolved by recovery after 12 min -> MTTR 12 (critical)
        r.add(fired("a2", mem, "memory_usage", "vm2", at(1, 22, 0))
                .resolve("system", "Vigil", null, 70.0, at(1, 22, 12))
                .withNotifications(List.of(attempt("email"), attempt("email"))));
        // Day 2 03:00 cpu on vm1: acknowledged after 20 min, still open (acknowledged) -> MTTA 20 (high)
        r.add(fired("a3", cpu, "cpu_usage", "vm1", at(2, 3, 0)).acknowledge("u", "U", null, at(2, 3, 20))
                .withNotifications(List.of(attempt("discord"))));
        // Day 3 09:00 cpu on vm3: active
        r.add(fired("a4", cpu, "cpu_usage", "vm3", at(3, 9, 0)));
        // Day 3 09:30 mem on vm1: ignored (counts for nothing in MTTR)
        r.add(fired("a5", mem, "memory_usage", "vm1", at(3, 9, 30)).ignore("u", "U", "noise", at(3, 9, 40)));
        // Day 3 11:00 disk on vm2: resolved after 48 min -> MTTR 48 (low)
        r.add(fired("a6", disk, "disk_free_percent", "vm2", at(3, 11, 0))
                .resolve("u", "U", null, null, at(3, 11, 48)));
        return r;
    }

    private static NotificationAttempt attempt(String method) {
        return new NotificationAttempt("n", method, "x", NotificationStatus.SENT, null, null);
    }

    @Test
    void seed003AndSeed000FiguresMatchTheHandComputedOnes() {
        Instant start = DAY1;
        Instant end = at(4, 0, 0); // 72 hours
        Instant now = at(3, 12, 0);
        AlertStatistics s = StatisticsCalculator.compute(List.of(cpu, mem, disk), script(), start, end, now, ZoneOffset.UTC);

        assertThat(s.overview()).isEqualTo(new AlertStatistics.Overview(3, 2, 6, 1, 1, 3, 1));
        assertThat(s.bySeverity().get(Severity.HIGH)).isEqualTo(new AlertStatistics.SeverityCount(3, 1));
        assertThat(s.bySeverity().get(Severity.CRITICAL)).isEqualTo(new AlertStatistics.SeverityCount(2, 0));
        assertThat(s.bySeverity().get(Severity.LOW)).isEqualTo(new AlertStatistics.SeverityCount(1, 0));
        assertThat(s.bySeverity().get(Severity.MEDIUM)).isEqualTo(new AlertStatistics.SeverityCount(0, 0));
        assertThat(s.byMetric()).containsExactly(
                new AlertStatistics.MetricCount("cpu_usage", 3, 1),
                new AlertStatistics.MetricCount("memory_usage", 2, 0),
                new AlertStatistics.MetricCount("disk_free_percent", 1, 0));
        assertThat(s.byVm()).containsExactly(
                new AlertStatistics.VmCount("vm1", "name-vm1", 3, 0),
                new AlertStatistics.VmCount("vm2", "name-vm2", 2, 0),
                new AlertStatistics.VmCount("vm3", "name-vm3", 1, 1));
        assertThat(s.byRule()).containsExactly(
                new AlertStatistics.RuleCount("rule_cpu", "cpu_high", 3),
                new AlertStatistics.RuleCount("rule_mem", "mem_critical", 2),
                new AlertStatistics.RuleCount("rule_disk", "disk_low", 1));
        // MTTR over resolved records: (30 + 12 + 48) / 3 = 30 minutes; high 30, critical 12, low 48
        assertThat(s.mttr().averageMinutes()).isCloseTo(30.0, within(1e-9));
        assertThat(s.mttr().bySeverityMinutes()).containsOnly(
                Map.entry(Severity.HIGH, 30.0), Map.entry(Severity.CRITICAL, 12.0), Map.entry(Severity.LOW, 48.0));
        // MTTA over acknowledged records: (10 + 20) / 2 = 15 minutes, both high
        assertThat(s.mtta().averageMinutes()).isCloseTo(15.0, within(1e-9));
        assertThat(s.mtta().bySeverityMinutes()).containsOnly(Map.entry(Severity.HIGH, 15.0));
        // a1 email+discord, a2 email (twice, one alert), a3 discord
        assertThat(s.alertsByChannel()).containsOnly(Map.entry("email", 2L), Map.entry("discord", 2L));
        // today is day 3 (up to 12:00): a4, a5, a6
        assertThat(s.alertsToday()).isEqualTo(3);
        assertThat(s.alertRatePerHour()).isCloseTo(6 / 72.0, within(1e-12));
    }

    @Test
    void emptyHistoryHasZeroesAndNoMeans() {
        AlertStatistics s = StatisticsCalculator.compute(List.of(), List.of(), DAY1, at(2, 0, 0), at(1, 12, 0), ZoneOffset.UTC);
        assertThat(s.overview().totalAlerts()).isZero();
        assertThat(s.mttr().averageMinutes()).isNull();
        assertThat(s.bySeverity()).hasSize(4);
        assertThat(s.alertRatePerHour()).isZero();
    }

    @Test
    void dailyTrendHasEveryBucketIncludingEmptyOnes() {
        List<TrendPoint> days = StatisticsCalculator.trends(script(), DAY1, at(5, 0, 0), TrendPoint.Bucket.DAY, ZoneOffset.UTC);
        assertThat(days).extracting(TrendPoint::bucketStart).containsExactly(at(1, 0, 0), at(2, 0, 0), at(3, 0, 0), at(4, 0, 0));
        assertThat(days).extracting(TrendPoint::total).containsExactly(2L, 1L, 3L, 0L);
        assertThat(days.get(2).bySeverity()).containsEntry(Severity.HIGH, 1L).containsEntry(Severity.CRITICAL, 1L)
                .containsEntry(Severity.LOW, 1L).containsEntry(Severity.MEDIUM, 0L);
    }

    @Test
    void hourlyTrendInAnotherZoneCutsBucketsAtThatZonesHours() {
        List<TrendPoint> hours = StatisticsCalculator.trends(script(), at(3, 9, 0), at(3, 12, 0), TrendPoint.Bucket.HOUR,
                ZoneOffset.ofHoursMinutes(5, 30));
        // Buckets start at :30 UTC in a +05:30 zone: 08:30, 09:30, 10:30, 11:30 (UTC); 08:30 starts before the range.
        assertThat(hours).extracting(TrendPoint::bucketStart)
                .containsExactly(at(3, 8, 30), at(3, 9, 30), at(3, 10, 30), at(3, 11, 30));
        assertThat(hours).extracting(TrendPoint::total).containsExactly(1L, 1L, 1L, 0L);
    }
}
