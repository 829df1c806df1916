package io.vigil.alerting.api;

import java.math.BigDecimal;

/** Checks that a threshold fits its operator, and formats numbers without a trailing ".0". */
final class Thresholds {
    private Thresholds() {
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v); // BigDecimal cannot hold NaN or infinities
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static void check(Operator op, Threshold t, String path, Problems p) {
        if (t == null) {
            p.add(ErrorCode.MISSING_FIELD, path, "a threshold is required");
            return;
        }
        if (t instanceof Threshold.Number n) {
            finite(n.value(), path, p);
            if (op.isRange()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "'" + op.symbol() + "' needs a range [lo, hi], got a single number");
            }
        } else if (t instanceof Threshold.Range r) {
            finite(r.lo(), path + "[0]", p);
            finite(r.hi(), path + "[1]", p);
            if (!op.isRange()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "a range threshold needs 'between' or 'outside', not '" + op.symbol() + "'");
            } else if (r.lo() > r.hi()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "range lower bound " + format(r.lo()) + " is above upper bound " + format(r.hi()));
            }
        } else if (t instanceof Threshold.Numbers ns) {
            if (ns.values().isEmpty()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "a list threshold must not be empty");
            }
            for (int i = 0; i < ns.values().size(); i++) {
                Double d = ns.values().get(i);
                if (d == null) {
                    p.add(ErrorCode.INVALID_THRESHOLD, path + "[" + i + "]", "must be a number");
                } else {
                    finite(d, path + "[" + i + "]", p);
                }
            }
            if (!op.isMembership()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "a list threshold needs 'in' or 'not_in', not '" + op.symbol() + "'");
            }
        } else if (t instanceof Threshold.Text s) {
            if (op != Operator.EQUAL && op != Operator.NOT_EQUAL && !op.isMembership()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "a string threshold works with ==, !=, in and not_in, not '" + op.symbol() + "'");
            }
        } else if (t instanceof Threshold.Texts ts) {
            if (ts.values().isEmpty()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "a list threshold must not be empty");
            }
            if (!op.isMembership()) {
                p.add(ErrorCode.INVALID_THRESHOLD, path, "a list threshold needs 'in' or 'not_in', not '" + op.symbol() + "'");
            }
        }
    }

    private static void finite(double v, String path, Problems p) {
        if (!Double.isFinite(v)) {
            p.add(ErrorCode.INVALID_THRESHOLD, path, "must be a finite number, was " + v);
        }
    }
}
