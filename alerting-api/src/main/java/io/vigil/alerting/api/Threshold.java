package io.vigil.alerting.api;

import java.util.List;
import java.util.Objects;

/**
 * What a condition compares with. Seed 003 allows {@code number | number[] | string}; a two-number
 * list with {@code between}/{@code outside} is a {@link Range}, with {@code in}/{@code not_in} a
 * {@link Numbers} set.
 */
public sealed interface Threshold {

    /** Whether this threshold holds for a numeric value under {@code op}. */
    boolean test(Operator op, double value);

    /** Whether this threshold holds for a string state under {@code op}. */
    boolean test(Operator op, String state);

    /** Human-readable form used in condition texts and notifications: {@code 80}, {@code [10, 20]}. */
    String display();

    static Threshold of(double value) {
        return new Number(value);
    }

    static Threshold range(double lo, double hi) {
        return new Range(lo, hi);
    }

    static Threshold anyOf(double... values) {
        List<Double> list = new java.util.ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return new Numbers(list);
    }

    static Threshold text(String value) {
        return new Text(value);
    }

    static Threshold anyOf(String... values) {
        return new Texts(List.of(values));
    }

    /** A single number. */
    record Number(double value) implements Threshold {
        @Override
        public boolean test(Operator op, double v) {
            switch (op) {
                case GREATER_THAN: return v > value;
                case LESS_THAN: return v < value;
                case GREATER_OR_EQUAL: return v >= value;
                case LESS_OR_EQUAL: return v <= value;
                case EQUAL: case IN: return v == value;
                case NOT_EQUAL: case NOT_IN: return v != value;
                default: return false;
            }
        }

        @Override
        public boolean test(Operator op, String state) {
            return false;
        }

        @Override
        public String display() {
            return Thresholds.format(value);
        }
    }

    /** An inclusive range {@code [lo, hi]}. */
    record Range(double lo, double hi) implements Threshold {
        @Override
        public boolean test(Operator op, double v) {
            boolean inside = v >= lo && v <= hi;
            switch (op) {
                case BETWEEN: return inside;
                case OUTSIDE: return !inside;
                default: return false;
            }
        }

        @Override
        public boolean test(Operator op, String state) {
            return false;
        }

        @Override
        public String display() {
            return "[" + Thresholds.format(lo) + ", " + Thresholds.format(hi) + "]";
        }
    }

    /** A set of numbers for {@code in}/{@code not_in}. */
    record Numbers(List<Double> values) implements Threshold {
        public Numbers {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(Operator op, double v) {
            boolean member = false;
            for (Double d : values) {
                if (d == v) {
                    member = true;
                    break;
                }
            }
            switch (op) {
                case IN: case EQUAL: return member;
                case NOT_IN: case NOT_EQUAL: return !member;
                default: return false;
            }
        }

        @Override
        public boolean test(Operator op, String state) {
            return false;
        }

        @Override
        public String display() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(Thresholds.format(values.get(i)));
            }
            return sb.append(']').toString();
        }
    }

    /** A single string state. */
    record Text(String value) implements Threshold {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(Operator op, double v) {
            return false;
        }

        @Override
        public boolean test(Operator op, String state) {
            switch (op) {
                case EQUAL: case IN: return value.equals(state);
                case NOT_EQUAL: case NOT_IN: return !value.equals(state);
                default: return false;
            }
        }

        @Override
        public String display() {
            return value;
        }
    }

    /** A set of string states for {@code in}/{@code not_in}. */
    record Texts(List<String> values) implements Threshold {
        public Texts {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(Operator op, double v) {
            return false;
        }

        @Override
        public boolean test(Operator op, String state) {
            switch (op) {
                case IN: case EQUAL: return values.contains(state);
                case NOT_IN: case NOT_EQUAL: return !values.contains(state);
                default: return false;
            }
        }

        @Override
        public String display() {
            return values.toString();
        }
    }
}
