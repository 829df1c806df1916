package io.vigil.alerting.engine;

import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Threshold;

/**
 * A condition prepared for the hot path: its numeric comparison reduced to an op code and a
 * double, so that testing a value is a switch and a compare instead of an interface call.
 */
final class CompiledCondition {
    private static final int GT = 0, GE = 1, LT = 2, LE = 3, EQ = 4, NE = 5, GENERIC = 6, NEVER = 7;

    final Condition condition;
    final CompiledRule rule;
    /** Position within the rule. */
    final int index;
    final String metric;
    final Aggregation aggregation;
    /** Window length in ms; 0 for {@code last}. */
    final long windowMillis;
    final long holdMillis;
    final boolean comparesStates;
    final String text;
    /** Whether a recovery threshold widens what keeps a firing alert up. */
    final boolean hasRecoveryBand;
    /** {@link #aggregation} as an int, for a switch without the enum's lookup table. */
    final int aggregationCode;

    private final Threshold threshold;
    private final Threshold recoveryThreshold;
    private final int triggerOp;
    private final double triggerValue;
    private final int recoveryOp;
    private final double recoveryValue;

    CompiledCondition(Condition condition, CompiledRule rule, int index) {
        this.condition = condition;
        this.rule = rule;
        this.index = index;
        this.metric = condition.seriesMetric();
        this.aggregation = condition.aggregation();
        this.windowMillis = aggregation == Aggregation.LAST ? 0 : condition.window().toMillis();
        this.holdMillis = condition.holdFor().toMillis();
        this.comparesStates = condition.comparesStates();
        this.text = condition.describe();
        this.threshold = condition.threshold();
        this.recoveryThreshold = condition.recoveryThreshold();
        this.triggerOp = opCode(condition.operator(), condition.threshold());
        this.triggerValue = number(condition.threshold());
        Threshold recovery = condition.recoveryThreshold();
        this.recoveryOp = recovery == null ? NEVER : opCode(condition.operator(), recovery);
        this.recoveryValue = recovery == null ? Double.NaN : number(recovery);
        this.hasRecoveryBand = recovery != null;
        this.aggregationCode = aggregation.ordinal();
    }

    private static int opCode(Operator op, Threshold threshold) {
        if (!(threshold instanceof Threshold.Number)) {
            return GENERIC;
        }
        switch (op) {
            case GREATER_THAN: return GT;
            case GREATER_OR_EQUAL: return GE;
            case LESS_THAN: return LT;
            case LESS_OR_EQUAL: return LE;
            case EQUAL: case IN: return EQ;
            case NOT_EQUAL: case NOT_IN: return NE;
            default: return GENERIC;
        }
    }

    private static double number(Threshold threshold) {
        return threshold instanceof Threshold.Number n ? n.value() : Double.NaN;
    }

    /** Whether the trigger comparison holds; never for NaN (an empty window has no value). */
    boolean triggers(double v) {
        return v == v && compare(triggerOp, triggerValue, threshold, v);
    }

    /**
     * Whether a firing alert is still held up by {@code v}: the trigger comparison or, with a
     * recovery threshold, the wider recovery band.
     */
    boolean sustains(double v) {
        return v == v && (compare(triggerOp, triggerValue, threshold, v)
                || recoveryOp != NEVER && compare(recoveryOp, recoveryValue, recoveryThreshold, v));
    }

    private boolean compare(int op, double x, Threshold generic, double v) {
        switch (op) {
            case GT: return v > x;
            case GE: return v >= x;
            case LT: return v < x;
            case LE: return v <= x;
            case EQ: return v == x;
            case NE: return v != x;
            case NEVER: return false;
            default: return generic.test(condition.operator(), v);
        }
    }

    boolean triggers(String state) {
        return state != null && condition.test(state);
    }

    boolean needsWindow() {
        return windowMillis > 0;
    }
}
