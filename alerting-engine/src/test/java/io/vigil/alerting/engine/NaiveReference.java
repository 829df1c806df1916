package io.vigil.alerting.engine;

import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An independent, deliberately naive evaluator of one single-condition rule on one series, used
 * as the oracle in property tests: it recomputes the window from the full sample list at every
 * instant and walks instants one by one. Covers aggregation, window, hold time and cooldown.
 */
final class NaiveReference {
    private static final long NONE = Long.MIN_VALUE;

    private final Condition condition;
    private final long cooldown;
    private final long[] times;
    private final double[] values;
    final List<String> events = new ArrayList<>();
    long suppressed;

    NaiveReference(Condition condition, long cooldownMillis, long[] times, double[] values) {
        this.condition = condition;
        this.cooldown = cooldownMillis;
        this.times = times;
        this.values = values;
    }

    /** The aggregate over the samples with time in {@code (at - window, at]}, from scratch. */
    double valueAt(long at) {
        long w = condition.window().toMillis();
        List<Double> in = new ArrayList<>();
        List<Long> when = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            boolean inWindow = condition.aggregation() == Aggregation.LAST ? times[i] <= at
                    : times[i] > at - w && times[i] <= at;
            if (inWindow) {
                in.add(values[i]);
                when.add(times[i]);
            }
        }
        if (condition.aggregation() == Aggregation.COUNT) {
            return in.size();
        }
        if (in.isEmpty()) {
            return Double.NaN;
        }
        switch (condition.aggregation()) {
            case AVG: return in.stream().mapToDouble(Double::doubleValue).sum() / in.size();
            case SUM: return in.stream().mapToDouble(Double::doubleValue).sum();
            case MIN: return in.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case MAX: return in.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case RATE: {
                if (in.size() < 2) {
                    return Double.NaN;
                }
                double increase = 0;
                for (int i = 1; i < in.size(); i++) {
                    double d = in.get(i) - in.get(i - 1);
                    increase += d >= 0 ? d : in.get(i);
                }
                return increase / ((when.get(when.size() - 1) - when.get(0)) / 1000.0);
            }
            default: return in.get(in.size() - 1);
        }
    }

    boolean holdsAt(long at) {
        double v = valueAt(at);
        return !Double.isNaN(v) && condition.test(v);
    }

    /** Every instant the truth may change at: each sample, and each sample's leaving its window. */
    TreeSet<Long> instants(long end) {
        TreeSet<Long> set = new TreeSet<>();
        for (long t : times) {
            set.add(t);
            if (condition.aggregation() != Aggregation.LAST) {
                set.add(t + condition.window().toMillis());
            }
        }
        set.add(end);
        return new TreeSet<>(set.headSet(end, true));
    }

    private String state = "INACTIVE";
    private long since = NONE;
    private long lastFired = NONE;
    private boolean noted;

    List<String> run(long end) {
        long hold = condition.holdFor().toMillis();
        for (long x : instants(end)) {
            // deadlines strictly before x, with the truth of the previous instant
            while (state.equals("PENDING")) {
                long ready = since + hold;
                long fire = lastFired == NONE ? ready : Math.max(ready, lastFired + cooldown);
                long next = !noted && ready < fire ? ready : fire;
                if (next >= x) {
                    break;
                }
                step(next, true, hold);
            }
            step(x, holdsAt(x), hold);
        }
        return events;
    }

    private void step(long x, boolean holds, long hold) {
        switch (state) {
            case "INACTIVE":
                if (holds) {
                    since = x;
                    noted = false;
                    if (x >= fireAt(hold)) {
                        fire(x);
                    } else {
                        state = "PENDING";
                        events.add("PENDING@" + x);
                        note(x, hold);
                    }
                }
                break;
            case "PENDING":
                if (!holds) {
                    state = "INACTIVE";
                    events.add("CANCELLED@" + x);
                } else if (x >= fireAt(hold)) {
                    fire(x);
                } else {
                    note(x, hold);
                }
                break;
            default:
                if (!holds) {
                    state = "INACTIVE";
                    events.add("RESOLVED@" + x);
                }
                break;
        }
    }

    private long fireAt(long hold) {
        return lastFired == NONE ? since + hold : Math.max(since + hold, lastFired + cooldown);
    }

    private void note(long x, long hold) {
        if (!noted && since + hold <= x) {
            noted = true;
            suppressed++;
        }
    }

    private void fire(long x) {
        state = "FIRING";
        lastFired = x;
        events.add("FIRING@" + x);
    }
}
