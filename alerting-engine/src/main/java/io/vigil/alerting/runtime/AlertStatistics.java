package io.vigil.alerting.runtime;

import io.vigil.alerting.api.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alert statistics over a time range, holding what both seeds ask for: seed 003's overview,
 * breakdowns, MTTR and MTTA, and seed 000's totals, per-channel counts, alerts today and the
 * hourly rate. Computed from one pass over the records.
 *
 * @param overview          counts of rules and records
 * @param bySeverity        total and active records per severity (every severity present)
 * @param byMetric          records per metric, most first
 * @param byVm              records per VM (label {@code vm}), top 10
 * @param byRule            records per rule, most first
 * @param mttr              mean time to resolve, in minutes
 * @param mtta              mean time to acknowledge, in minutes
 * @param alertsByChannel   records with at least one notification per channel (seed 000 {@code alerts_by_channel})
 * @param alertsToday       records triggered since the start of today in the statistics' zone
 * @param alertRatePerHour  records in the range divided by the range's length in hours
 * @param start             start of the range (inclusive)
 * @param end               end of the range (exclusive)
 */
public record AlertStatistics(Overview overview, Map<Severity, SeverityCount> bySeverity, List<MetricCount> byMetric,
                              List<VmCount> byVm, List<RuleCount> byRule, MeanTime mttr, MeanTime mtta,
                              Map<String, Long> alertsByChannel, long alertsToday, double alertRatePerHour,
                              Instant start, Instant end) {

    public AlertStatistics {
        bySeverity = Map.copyOf(bySeverity);
        byMetric = List.copyOf(byMetric);
        byVm = List.copyOf(byVm);
        byRule = List.copyOf(byRule);
        alertsByChannel = Map.copyOf(alertsByChannel);
    }

    /** Seed 003 {@code overview}. */
    public record Overview(long totalRules, long activeRules, long totalAlerts, long activeAlerts,
                           long acknowledgedAlerts, long resolvedAlerts, long ignoredAlerts) {
    }

    /** Seed 003 {@code bySeverity.*}: all records and those still active. */
    public record SeverityCount(long total, long active) {
    }

    public record MetricCount(String metric, long count, long activeCount) {
    }

    public record VmCount(String vmId, String vmName, long count, long activeCount) {
    }

    public record RuleCount(String ruleId, String ruleName, long triggerCount) {
    }

    /**
     * A mean duration in minutes, overall and per severity; {@code null} overall when no record
     * qualified, and only severities with qualifying records in the map.
     */
    public record MeanTime(Double averageMinutes, Map<Severity, Double> bySeverityMinutes, long sampleSize) {
        public MeanTime {
            bySeverityMinutes = Map.copyOf(bySeverityMinutes);
        }
    }
}
