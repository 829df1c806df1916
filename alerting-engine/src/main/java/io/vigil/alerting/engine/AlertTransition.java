package io.vigil.alerting.engine;

import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;
import java.util.List;

/**
 * Something that happened to one alert instance at one instant. Transitions of one instance reach
 * the sink in time order; those of different instances reported by one call may interleave.
 *
 * @param kind            what happened
 * @param ruleId          the rule's id
 * @param ruleName        the rule's name
 * @param severity        the rule's severity
 * @param labels          the instance's labels (its identity within the rule)
 * @param timeMillis      the exact instant it happened (not when it was reported)
 * @param sinceMillis     when the current episode began: pending-since for {@code PENDING} and
 *                        {@code CANCELLED}, firing-since for {@code FIRING}, {@code ESCALATED},
 *                        {@code REMINDER} and {@code RESOLVED}, silent-since for the no-data kinds,
 *                        flapping-since for the flapping kinds
 * @param conditions      each condition's value and threshold at that instant (for {@code RESOLVED}
 *                        the recovery values); values are {@code NaN} where no data was involved
 * @param conditionText   the rule's conditions as text
 * @param escalationLevel 1-based escalation level for {@code ESCALATED}, otherwise 0
 * @param escalation      the escalation level's channels and recipients, or {@code null}
 */
public record AlertTransition(Kind kind, String ruleId, String ruleName, Severity severity, Labels labels,
                              long timeMillis, long sinceMillis, List<ConditionValue> conditions,
                              String conditionText, int escalationLevel, EscalationLevel escalation) {

    /** What happened. */
    public enum Kind {
        /** The conditions started to hold; the instance waits for its hold time. */
        PENDING,
        /** A pending instance's conditions stopped holding before it fired. */
        CANCELLED,
        /** The instance fired. */
        FIRING,
        /** A firing instance stopped firing (conditions, no-data policy {@code ok}). */
        RESOLVED,
        /** A firing, unacknowledged instance reached an escalation level's delay. */
        ESCALATED,
        /** A firing, unacknowledged instance is due to be notified again. */
        REMINDER,
        /** The instance's series went silent (no-data policy {@code no_data}). */
        NO_DATA,
        /** Data came back after a {@link #NO_DATA} transition. */
        NO_DATA_RESOLVED,
        /** The instance changed state too often; its further changes are suppressed and counted. */
        FLAPPING,
        /** A flapping instance stayed stable; a {@code FIRING} or {@code RESOLVED} may follow to catch up. */
        FLAPPING_ENDED,
        /** A manual fire ({@link Evaluator#manualFire}); it does not change the instance's state. */
        MANUAL_FIRING
    }

    public AlertTransition {
        conditions = List.copyOf(conditions);
    }

    /** The first condition's value: the number that triggered (or recovered) a one-condition rule. */
    public double value() {
        return conditions.isEmpty() ? Double.NaN : conditions.get(0).value();
    }
}
