package io.vigil.alerting.spi;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Severity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Filters for alert records; empty sets and {@code null}s mean "any". Results are ordered newest
 * first by trigger time, then by id.
 *
 * @param statuses   only these statuses
 * @param severities only these severities
 * @param ruleId     only this rule
 * @param labels     only records whose labels include all of these pairs (e.g. {@code vm=vm_001})
 * @param from       triggered at or after this instant
 * @param to         triggered before this instant
 * @param page       which page
 */
public record RecordQuery(Set<AlertStatus> statuses, Set<Severity> severities, String ruleId,
                          Map<String, String> labels, Instant from, Instant to, PageRequest page) {
    public RecordQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        page = page == null ? PageRequest.first() : page;
    }

    public static RecordQuery all() {
        return new RecordQuery(null, null, null, null, null, null, PageRequest.all());
    }

    public static RecordQuery forRule(String ruleId, Instant from, Instant to, PageRequest page) {
        return new RecordQuery(null, null, ruleId, null, from, to, page);
    }

    public boolean matches(AlertRecord r) {
        if (!statuses.isEmpty() && !statuses.contains(r.status())) {
            return false;
        }
        if (!severities.isEmpty() && !severities.contains(r.severity())) {
            return false;
        }
        if (ruleId != null && !ruleId.equals(r.ruleId())) {
            return false;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(r.labels().get(e.getKey()))) {
                return false;
            }
        }
        return (from == null || !r.triggeredAt().isBefore(from)) && (to == null || r.triggeredAt().isBefore(to));
    }
}
