package io.vigil.alerting.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One occurrence of an alert: created {@code active} when a rule's instance fires, then
 * acknowledged, resolved or ignored. Changes return new records; illegal ones throw
 * {@link ErrorCode#ILLEGAL_TRANSITION} and change nothing.
 *
 * @param id              record id
 * @param ruleId          the rule that fired
 * @param ruleName        its name at the time
 * @param labels          the instance's target labels ({@code host}, {@code vm}, ...)
 * @param metric          the (first) metric that triggered
 * @param severity        the rule's severity at the time
 * @param triggerValue    the value that triggered, or {@code null} (e.g. for a no-data alert)
 * @param threshold       the threshold it crossed, or {@code null}
 * @param condition       readable condition text
 * @param status          lifecycle status
 * @param triggeredAt     when the instance fired
 * @param acknowledgedAt  when acknowledged, or {@code null}
 * @param acknowledgedBy  who acknowledged (user id), or {@code null}
 * @param acknowledgedByName display name of who acknowledged, or {@code null}
 * @param acknowledgeNote the acknowledgement note, or {@code null}
 * @param resolvedAt      when resolved (by a person or by recovery) or ignored, or {@code null}
 * @param resolvedBy      who resolved; {@code system} for automatic recovery
 * @param resolvedByName  display name of who resolved, or {@code null}
 * @param resolution      how it was resolved, or {@code null}
 * @param resolveValue    the metric value at automatic recovery, or {@code null}
 * @param snapshot        latest values of the target's related metrics at trigger time
 * @param notifications   notification attempts (filled in by stores when read)
 * @param escalationLevel highest escalation level reached, 0 for none
 * @param createdAt       when the record was written
 * @param updatedAt       when it last changed
 * @param version         optimistic-concurrency version
 */
public record AlertRecord(String id, String ruleId, String ruleName, Labels labels, String metric, Severity severity,
                          Double triggerValue, Threshold threshold, String condition, AlertStatus status,
                          Instant triggeredAt, Instant acknowledgedAt, String acknowledgedBy,
                          String acknowledgedByName, String acknowledgeNote, Instant resolvedAt, String resolvedBy,
                          String resolvedByName, String resolution, Double resolveValue, Map<String, Double> snapshot,
                          List<NotificationAttempt> notifications, int escalationLevel, Instant createdAt,
                          Instant updatedAt, long version) {

    /** The actor name used for automatic changes. */
    public static final String SYSTEM = "system";

    public AlertRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        labels = labels == null ? Labels.empty() : labels;
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        snapshot = snapshot == null ? Map.of() : Map.copyOf(snapshot);
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
        createdAt = createdAt == null ? triggeredAt : createdAt;
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    /** A new active record for an instance that fired at {@code at}. */
    public static AlertRecord fired(String id, AlertRule rule, Labels labels, String metric, Double value,
                                    Threshold threshold, String condition, Map<String, Double> snapshot, Instant at) {
        return new AlertRecord(id, rule.id(), rule.name(), labels, metric, rule.severity(), value, threshold, condition,
                AlertStatus.ACTIVE, at, null, null, null, null, null, null, null, null, null, snapshot, List.of(), 0,
                at, at, 0);
    }

    /** How long the alert lasted (seed 003 {@code duration}), or {@code null} while it is open. */
    public Duration duration() {
        return resolvedAt == null ? null : Duration.between(triggeredAt, resolvedAt);
    }

    public AlertRecord acknowledge(String by, String byName, String note, Instant at) {
        require(AlertStatus.ACKNOWLEDGED);
        return new AlertRecord(id, ruleId, ruleName, labels, metric, severity, triggerValue, threshold, condition,
                AlertStatus.ACKNOWLEDGED, triggeredAt, at, by, byName, note, resolvedAt, resolvedBy, resolvedByName,
                resolution, resolveValue, snapshot, notifications, escalationLevel, createdAt, at, version);
    }

    public AlertRecord resolve(String by, String byName, String resolutionText, Double value, Instant at) {
        require(AlertStatus.RESOLVED);
        return new AlertRecord(id, ruleId, ruleName, labels, metric, severity, triggerValue, threshold, condition,
                AlertStatus.RESOLVED, triggeredAt, acknowledgedAt, acknowledgedBy, acknowledgedByName, acknowledgeNote,
                at, by, byName, resolutionText, value, snapshot, notifications, escalationLevel, createdAt, at, version);
    }

    public AlertRecord ignore(String by, String byName, String note, Instant at) {
        require(AlertStatus.IGNORED);
        return new AlertRecord(id, ruleId, ruleName, labels, metric, severity, triggerValue, threshold, condition,
                AlertStatus.IGNORED, triggeredAt, acknowledgedAt, acknowledgedBy, acknowledgedByName, acknowledgeNote,
                at, by, byName, note, resolveValue, snapshot, notifications, escalationLevel, createdAt, at, version);
    }

    /** The same record at a higher escalation level. */
    public AlertRecord escalatedTo(int level, Instant at) {
        if (!status.isOpen()) {
            throw new AlertingException(ErrorCode.ILLEGAL_TRANSITION,
                    "alert " + id + " is " + status.wireName() + " and cannot escalate");
        }
        return new AlertRecord(id, ruleId, ruleName, labels, metric, severity, triggerValue, threshold, condition,
                status, triggeredAt, acknowledgedAt, acknowledgedBy, acknowledgedByName, acknowledgeNote, resolvedAt,
                resolvedBy, resolvedByName, resolution, resolveValue, snapshot, notifications,
                Math.max(level, escalationLevel), createdAt, at, version);
    }

    public AlertRecord withNotifications(List<NotificationAttempt> attempts) {
        return new AlertRecord(id, ruleId, ruleName, labels, metric, severity, triggerValue, threshold, condition,
                status, triggeredAt, acknowledgedAt, acknowledgedBy, acknowledgedByName, acknowledgeNote, resolvedAt,
                resolvedBy, resolvedByName, resolution, resolveValue, snapshot, attempts, escalationLevel, createdAt,
                updatedAt, version);
    }

    public AlertRecord withVersion(long newVersion) {
        return new AlertRecord(id, ruleId, ruleName, labels, metric, severity, triggerValue, threshold, condition,
                status, triggeredAt, acknowledgedAt, acknowledgedBy, acknowledgedByName, acknowledgeNote, resolvedAt,
                resolvedBy, resolvedByName, resolution, resolveValue, snapshot, notifications, escalationLevel,
                createdAt, updatedAt, newVersion);
    }

    private void require(AlertStatus next) {
        if (!status.canMoveTo(next)) {
            throw new AlertingException(ErrorCode.ILLEGAL_TRANSITION,
                    "alert " + id + " is " + status.wireName() + " and cannot become " + next.wireName());
        }
    }
}
