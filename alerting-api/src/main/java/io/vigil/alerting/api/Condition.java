package io.vigil.alerting.api;

import java.time.Duration;
import java.util.List;

/**
 * One comparison a rule makes: {@code aggregation(metric over window) operator threshold}, which
 * must hold for {@code holdFor} before the rule fires.
 *
 * @param id                 unique within its rule (generated as {@code cond_N} when not given)
 * @param metric             metric name as the user wrote it (seed 003: {@code cpu}; seed 000: {@code cpu_usage})
 * @param metricType         seed 003's refinement ({@code cpu.usagePercent}), or {@code null}
 * @param operator           comparison
 * @param threshold          what the value is compared with; must fit the operator
 * @param aggregation        how the window is reduced; {@link Aggregation#LAST} by default
 * @param window             aggregation window; {@link Duration#ZERO} for {@code last}
 * @param holdFor            how long the comparison must hold before firing (Prometheus {@code for})
 * @param recoveryThreshold  optional hysteresis: once firing, the alert resolves only when the value
 *                           no longer satisfies {@code operator recoveryThreshold}; {@code null} for none
 */
public record Condition(String id, String metric, String metricType, Operator operator, Threshold threshold,
                        Aggregation aggregation, Duration window, Duration holdFor, Threshold recoveryThreshold) {

    public Condition {
        Problems p = new Problems();
        check(id, metric, metricType, operator, threshold, aggregation, window, holdFor, recoveryThreshold, p);
        p.throwIfAny();
    }

    static void check(String id, String metric, String metricType, Operator operator, Threshold threshold,
                      Aggregation aggregation, Duration window, Duration holdFor, Threshold recoveryThreshold,
                      Problems p) {
        p.requireText(id, "id");
        if (metric == null || metric.isBlank()) {
            p.add(ErrorCode.MISSING_FIELD, "metric", "must not be empty");
        } else if (!MetricNames.isValid(metric)) {
            p.add(ErrorCode.INVALID_CONDITION, "metric", "'" + metric + "' is not a valid metric name");
        }
        if (metricType != null && !MetricNames.isValid(metricType)) {
            p.add(ErrorCode.INVALID_CONDITION, "metricType", "'" + metricType + "' is not a valid metric name");
        }
        if (operator == null) {
            p.add(ErrorCode.INVALID_CONDITION, "operator", "an operator is required: " + Operator.accepted());
        } else {
            Thresholds.check(operator, threshold, "threshold", p);
            if (recoveryThreshold != null) {
                Thresholds.check(operator, recoveryThreshold, "recoveryThreshold", p);
            }
        }
        if (aggregation == null) {
            p.add(ErrorCode.INVALID_CONDITION, "aggregation", "an aggregation is required");
        }
        if (window == null) {
            p.add(ErrorCode.MISSING_FIELD, "window", "a window is required (zero for 'last')");
        } else {
            p.requireNonNegative(window, "window");
            if (aggregation != null && aggregation.needsWindow() && window.isZero()) {
                p.add(ErrorCode.INVALID_CONDITION, "window", "aggregation '" + aggregation.wireName() + "' needs a window longer than zero");
            }
        }
        if (holdFor == null) {
            p.add(ErrorCode.MISSING_FIELD, "holdFor", "a hold time is required (zero fires at once)");
        } else {
            p.requireNonNegative(holdFor, "holdFor");
        }
    }

    /** The series name the engine matches samples against, after alias resolution. */
    public String seriesMetric() {
        return MetricNames.canonical(metricType != null ? metricType : metric);
    }

    /** Whether this condition compares string states rather than numbers. */
    public boolean comparesStates() {
        return threshold instanceof Threshold.Text || threshold instanceof Threshold.Texts;
    }

    /** Whether {@code value} satisfies the condition's comparison. */
    public boolean test(double value) {
        return threshold.test(operator, value);
    }

    /** Whether a state satisfies the condition's comparison. */
    public boolean test(String state) {
        return threshold.test(operator, state);
    }

    /**
     * Whether a firing alert should still count as firing at {@code value}: with a recovery
     * threshold the value must leave the recovery band, without one the trigger comparison applies.
     */
    public boolean stillFiring(double value) {
        return (recoveryThreshold != null ? recoveryThreshold : threshold).test(operator, value);
    }

    /** Readable text such as {@code avg(cpu_usage[5m]) >= 80 for 5m}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        String name = seriesMetric();
        if (aggregation == Aggregation.LAST) {
            sb.append(name);
        } else {
            sb.append(aggregation.wireName()).append('(').append(name).append('[')
              .append(Durations.shortForm(window)).append("])");
        }
        sb.append(' ').append(operator.symbol()).append(' ').append(threshold.display());
        if (!holdFor.isZero()) {
            sb.append(" for ").append(Durations.shortForm(holdFor));
        }
        return sb.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a condition on the newest value of {@code metric}. */
    public static Builder last(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.LAST);
    }

    /** Starts a condition on the average of {@code metric} over a window. */
    public static Builder avg(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.AVG);
    }

    public static Builder max(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.MAX);
    }

    public static Builder min(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.MIN);
    }

    public static Builder sum(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.SUM);
    }

    public static Builder count(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.COUNT);
    }

    public static Builder rate(String metric) {
        return new Builder().metric(metric).aggregation(Aggregation.RATE);
    }

    public Builder toBuilder() {
        return new Builder().id(id).metric(metric).metricType(metricType).operator(operator).threshold(threshold)
                .aggregation(aggregation).window(window).holdFor(holdFor).recoveryThreshold(recoveryThreshold);
    }

    /** Fluent builder; reads like the condition: {@code Condition.avg("cpu_usage").over(5m).atLeast(80).holdFor(5m)}. */
    public static final class Builder {
        private String id;
        private String metric;
        private String metricType;
        private Operator operator;
        private Threshold threshold;
        private Aggregation aggregation = Aggregation.LAST;
        private Duration window;
        private Duration holdFor = Duration.ZERO;
        private Threshold recoveryThreshold;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder metric(String metric) { this.metric = metric; return this; }
        public Builder metricType(String metricType) { this.metricType = metricType; return this; }
        public Builder operator(Operator operator) { this.operator = operator; return this; }
        public Builder threshold(Threshold threshold) { this.threshold = threshold; return this; }
        public Builder aggregation(Aggregation aggregation) { this.aggregation = aggregation; return this; }
        public Builder window(Duration window) { this.window = window; return this; }
        public Builder holdFor(Duration holdFor) { this.holdFor = holdFor; return this; }
        public Builder recoveryThreshold(Threshold recoveryThreshold) { this.recoveryThreshold = recoveryThreshold; return this; }

        /** Sets the aggregation window. */
        public Builder over(Duration window) { return window(window); }

        public Builder above(double v) { return compare(Operator.GREATER_THAN, Threshold.of(v)); }
        public Builder atLeast(double v) { return compare(Operator.GREATER_OR_EQUAL, Threshold.of(v)); }
        public Builder below(double v) { return compare(Operator.LESS_THAN, Threshold.of(v)); }
        public Builder atMost(double v) { return compare(Operator.LESS_OR_EQUAL, Threshold.of(v)); }
        public Builder equalTo(double v) { return compare(Operator.EQUAL, Threshold.of(v)); }
        public Builder notEqualTo(double v) { return compare(Operator.NOT_EQUAL, Threshold.of(v)); }
        public Builder between(double lo, double hi) { return compare(Operator.BETWEEN, Threshold.range(lo, hi)); }
        public Builder outside(double lo, double hi) { return compare(Operator.OUTSIDE, Threshold.range(lo, hi)); }
        public Builder is(String state) { return compare(Operator.EQUAL, Threshold.text(state)); }
        public Builder isNot(String state) { return compare(Operator.NOT_EQUAL, Threshold.text(state)); }
        public Builder in(String... states) { return compare(Operator.IN, Threshold.anyOf(states)); }
        public Builder notIn(String... states) { return compare(Operator.NOT_IN, Threshold.anyOf(states)); }

        /** Hysteresis: once firing, resolve only when the value no longer passes this threshold. */
        public Builder recoverAt(double v) { return recoveryThreshold(Threshold.of(v)); }

        public Builder compare(Operator operator, Threshold threshold) {
            this.operator = operator;
            this.threshold = threshold;
            return this;
        }

        List<ValidationError> problems(String defaultId) {
            Problems p = new Problems();
            check(id == null ? defaultId : id, metric, metricType, operator, threshold, aggregation,
                    effectiveWindow(), holdFor, recoveryThreshold, p);
            return p.list();
        }

        private Duration effectiveWindow() {
            if (window == null && aggregation == Aggregation.LAST) {
                return Duration.ZERO;
            }
            return window;
        }

        Condition build(String defaultId) {
            return new Condition(id == null ? defaultId : id, metric, metricType, operator, threshold,
                    aggregation, effectiveWindow(), holdFor, recoveryThreshold);
        }

        /** Builds with id {@code cond_1} unless one was set. */
        public Condition build() {
            return build("cond_1");
        }
    }
}
