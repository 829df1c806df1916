package io.vigil.alerting.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of one series: a metric name, its labels, a time and either a finite number or
 * a string state (seed 003's {@code vmStatus} compares states with {@code ==}, {@code in}, ...).
 *
 * @param metric          metric name, see {@link MetricNames#isValid}
 * @param labels          the series' labels
 * @param value           the numeric value; {@link Double#NaN} exactly when this is a state sample
 * @param state           the string state, or {@code null} for a numeric sample
 * @param timestampMillis milliseconds since the epoch
 */
public record Sample(String metric, Labels labels, double value, String state, long timestampMillis) {

    public Sample {
        if (!MetricNames.isValid(metric)) {
            throw new IllegalArgumentException("invalid metric name: '" + metric + "'");
        }
        Objects.requireNonNull(labels, "labels");
        if (state == null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("sample of '" + metric + "' must be finite, was " + value);
        }
        if (state != null && !Double.isNaN(value)) {
            throw new IllegalArgumentException("a state sample has no numeric value");
        }
    }

    public static Sample of(String metric, double value, Instant time, Labels labels) {
        return new Sample(metric, labels, value, null, time.toEpochMilli());
    }

    public static Sample of(String metric, double value, long timestampMillis, Labels labels) {
        return new Sample(metric, labels, value, null, timestampMillis);
    }

    public static Sample ofState(String metric, String state, Instant time, Labels labels) {
        return new Sample(metric, labels, Double.NaN, Objects.requireNonNull(state, "state"), time.toEpochMilli());
    }

    public boolean isNumeric() {
        return state == null;
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}
