package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Pure computation of statistics and trends from rules and records; no I/O, no clock. */
final class StatisticsCalculator {
    private static final int TOP_VMS = 10;

    private StatisticsCalculator() {
    }

    /**
     * @param rules   every rule
     * @param records the records triggered in {@code [start, end)}
     * @param now     the current time, for "today"
     * @param zone    the zone that defines "today"
     */
    static AlertStatistics compute(Collection<AlertRule> rules, Collection<AlertRecord> records, Instant start,
                                   Instant end, Instant now, ZoneId zone) {
        long activeRules = rules.stream().filter(AlertRule::enabled).count();
        Map<AlertStatus, Long> byStatus = new EnumMap<>(AlertStatus.class);
        Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);
        Map<String, long[]> byMetric = new HashMap<>();
        Map<String, long[]> byVm = new HashMap<>();
        Map<String, String> vmNames = new HashMap<>();
        Map<String, long[]> byRule = new HashMap<>();
        Map<String, String> ruleNames = new HashMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        MeanAccumulator mttr = new MeanAccumulator();
        MeanAccumulator mtta = new MeanAccumulator();
        Instant startOfToday = ZonedDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        long today = 0;

        for (AlertRecord r : records) {
            boolean active = r.status() == AlertStatus.ACTIVE;
            byStatus.merge(r.status(), 1L, Long::sum);
            tally(bySeverity.computeIfAbsent(r.severity(), s -> new long[2]), active);
            tally(byMetric.computeIfAbsent(r.metric() == null ? "unknown" : r.metric(), m -> new long[2]), active);
            String vm = r.labels().get("vm");
            if (vm != null) {
                tally(byVm.computeIfAbsent(vm, v -> new long[2]), active);
                String name = r.labels().get("vm_name") != null ? r.labels().get("vm_name") : r.labels().get("host");
                if (name != null) {
                    vmNames.putIfAbsent(vm, name);
                }
            }
            tally(byRule.computeIfAbsent(r.ruleId(), id -> new long[2]), active);
            ruleNames.putIfAbsent(r.ruleId(), r.ruleName());
            Set<String> channels = new HashSet<>();
            for (NotificationAttempt a : r.notifications()) {
                channels.add(a.method());
            }
            channels.forEach(c -> byChannel.merge(c, 1L, Long::sum));
            if (r.status() == AlertStatus.RESOLVED && r.resolvedAt() != null) {
                mttr.add(r.severity(), Duration.between(r.triggeredAt(), r.resolvedAt()));
            }
            if (r.acknowledgedAt() != null) {
                mtta.add(r.severity(), Duration.between(r.triggeredAt(), r.acknowledgedAt()));
            }
            if (!r.triggeredAt().isBefore(startOfToday) && !r.triggeredAt().isAfter(now)) {
                today++;
            }
        }

        Map<Severity, AlertStatistics.SeverityCount> severityCounts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            long[] c = bySeverity.getOrDefault(s, new long[2]);
            severityCounts.put(s, new AlertStatistics.SeverityCount(c[0], c[1]));
        }
        List<AlertStatistics.MetricCount> metrics = new ArrayList<>();
        byMetric.forEach((m, c) -> metrics.add(new AlertStatistics.MetricCount(m, c[0], c[1])));
        metrics.sort(Comparator.comparingLong(AlertStatistics.MetricCount::count).reversed()
                .thenComparing(AlertStatistics.MetricCount::metric));
        List<AlertStatistics.VmCount> vms = new ArrayList<>();
        byVm.forEach((vm, c) -> vms.add(new AlertStatistics.VmCount(vm, vmNames.getOrDefault(vm, vm), c[0], c[1])));
        vms.sort(Comparator.comparingLong(AlertStatistics.VmCount::count).reversed()
                .thenComparing(AlertStatistics.VmCount::vmId));
        List<AlertStatistics.RuleCount> rulesOut = new ArrayList<>();
        byRule.forEach((id, c) -> rulesOut.add(new AlertStatistics.RuleCount(id, ruleNames.get(id), c[0])));
        rulesOut.sort(Comparator.comparingLong(AlertStatistics.RuleCount::triggerCount).reversed()
                .thenComparing(AlertStatistics.RuleCount::ruleId));

        double hours = Math.max(1.0, Duration.between(start, end).toMillis() / 3_600_000.0);
        AlertStatistics.Overview overview = new AlertStatistics.Overview(rules.size(), activeRules, records.size(),
                byStatus.getOrDefault(AlertStatus.ACTIVE, 0L), byStatus.getOrDefault(AlertStatus.ACKNOWLEDGED, 0L),
                byStatus.getOrDefault(AlertStatus.RESOLVED, 0L), byStatus.getOrDefault(AlertStatus.IGNORED, 0L));
        return new AlertStatistics(overview, severityCounts, metrics, vms.subList(0, Math.min(TOP_VMS, vms.size())),
                rulesOut, mttr.result(), mtta.result(), byChannel, today, records.size() / hours, start, end);
    }

    /** Contiguous buckets from {@code start} to {@code end}, empty ones included, bucket edges in {@code zone}. */
    static List<TrendPoint> trends(Collection<AlertRecord> records, Instant start, Instant end,
                                   TrendPoint.Bucket bucket, ZoneId zone) {
        ChronoUnit unit = bucket == TrendPoint.Bucket.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Map<Instant, Map<Severity, Long>> counts = new LinkedHashMap<>();
        ZonedDateTime cursor = ZonedDateTime.ofInstant(start, zone).truncatedTo(unit);
        while (cursor.toInstant().isBefore(end)) {
            counts.put(cursor.toInstant(), zeroes());
            cursor = cursor.plus(1, unit);
        }
        for (AlertRecord r : records) {
            if (r.triggeredAt().isBefore(start) || !r.triggeredAt().isBefore(end)) {
                continue;
            }
            Instant key = ZonedDateTime.ofInstant(r.triggeredAt(), zone).truncatedTo(unit).toInstant();
            counts.computeIfAbsent(key, k -> zeroes()).merge(r.severity(), 1L, Long::sum);
        }
        List<TrendPoint> out = new ArrayList<>();
        counts.forEach((at, bySeverity) -> out.add(new TrendPoint(at,
                bySeverity.values().stream().mapToLong(Long::longValue).sum(), bySeverity)));
        return out;
    }

    private static Map<Severity, Long> zeroes() {
        Map<Severity, Long> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0L);
        }
        return m;
    }

    private static void tally(long[] counts, boolean active) {
        counts[0]++;
        if (active) {
            counts[1]++;
        }
    }

    /** Running means of durations, overall and per severity. */
    private static final class MeanAccumulator {
        private long totalMillis;
        private long count;
        private final Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);

        void add(Severity s, Duration d) {
            totalMillis += d.toMillis();
            count++;
            long[] c = bySeverity.computeIfAbsent(s, k -> new long[2]);
            c[0] += d.toMillis();
            c[1]++;
        }

        AlertStatistics.MeanTime result() {
            Map<Severity, Double> perSeverity = new EnumMap<>(Severity.class);
            bySeverity.forEach((s, c) -> perSeverity.put(s, minutes(c[0], c[1])));
            return new AlertStatistics.MeanTime(count == 0 ? null : minutes(totalMillis, count), perSeverity, count);
        }

        private static double minutes(long millis, long n) {
            return millis / (double) n / 60_000.0;
        }
    }
}
