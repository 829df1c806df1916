package io.vigil.alerting.spi;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The facts about an alert that a notifier renders into its own format (template variables).
 *
 * @param recordId        alert record id, or {@code null} for test messages
 * @param ruleId          rule id, or {@code null}
 * @param ruleName        rule name
 * @param description     rule description, or {@code null}
 * @param severity        severity
 * @param metric          the metric that triggered, or {@code null}
 * @param value           the triggering value, or {@code null}
 * @param threshold       the threshold as text, or {@code null}
 * @param condition       readable condition text, or {@code null}
 * @param labels          target labels
 * @param triggeredAt     when it fired
 * @param resolvedAt      when it resolved (resolved messages), or {@code null}
 * @param resolveValue    the value at recovery, or {@code null}
 * @param escalationLevel escalation level (escalation messages), else 0
 * @param link            a link to the alert in a UI, or {@code null}
 * @param extra           further variables (seed 000 {@code metric_data.additional_info}, ...)
 */
public record AlertMessage(String recordId, String ruleId, String ruleName, String description, Severity severity,
                           String metric, Double value, String threshold, String condition, Labels labels,
                           Instant triggeredAt, Instant resolvedAt, Double resolveValue, int escalationLevel,
                           String link, Map<String, String> extra) {
    public AlertMessage {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(severity, "severity");
        labels = labels == null ? Labels.empty() : labels;
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** How long the alert lasted, or {@code null} if it has not resolved. */
    public Duration duration() {
        return resolvedAt == null ? null : Duration.between(triggeredAt, resolvedAt);
    }
}
