package io.vigil.alerting.engine;

import io.vigil.alerting.api.Threshold;

/**
 * One condition's value at an evaluation instant, beside what it was compared with.
 *
 * @param conditionId the condition's id within its rule
 * @param metric      the canonical series name
 * @param value       the aggregated value; {@link Double#NaN} when the window holds no sample or the
 *                    condition compares states
 * @param state       the newest state for a condition on string states, otherwise {@code null}
 * @param threshold   the trigger threshold
 * @param holds       whether the trigger comparison holds for {@code value}
 * @param text        the condition as text, e.g. {@code avg(cpu_usage[5m]) >= 80 for 1m}
 */
public record ConditionValue(String conditionId, String metric, double value, String state, Threshold threshold, boolean holds,
                             String text) {
}
