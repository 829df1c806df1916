package io.vigil.alerting.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Comparison of an aggregated value with a threshold. Seed 003 writes the symbols
 * ({@code >}, {@code in}, ...); seed 000 writes words ({@code greater_than}): both parse.
 */
public enum Operator {
    GREATER_THAN(">", "greater_than", "gt"),
    LESS_THAN("<", "less_than", "lt"),
    GREATER_OR_EQUAL(">=", "greater_than_or_equal", "greater_or_equal", "gte", "ge"),
    LESS_OR_EQUAL("<=", "less_than_or_equal", "less_or_equal", "lte", "le"),
    EQUAL("==", "equals", "equal", "eq", "="),
    NOT_EQUAL("!=", "not_equals", "not_equal", "ne", "<>"),
    IN("in"),
    NOT_IN("not_in", "not in", "nin"),
    /** Inside {@code [lo, hi]}, both ends included. */
    BETWEEN("between"),
    /** Strictly below {@code lo} or strictly above {@code hi}. */
    OUTSIDE("outside", "not_between");

    private final String symbol;
    private final List<String> aliases;

    Operator(String symbol, String... aliases) {
        this.symbol = symbol;
        this.aliases = List.of(aliases);
    }

    /** The canonical spelling, as seed 003 writes it. */
    public String symbol() {
        return symbol;
    }

    /** Other accepted spellings. */
    public List<String> aliases() {
        return aliases;
    }

    /** Whether this operator orders numbers (and so needs a single numeric threshold). */
    public boolean isOrdering() {
        return this == GREATER_THAN || this == LESS_THAN || this == GREATER_OR_EQUAL || this == LESS_OR_EQUAL;
    }

    /** Whether this operator takes a {@code [lo, hi]} range. */
    public boolean isRange() {
        return this == BETWEEN || this == OUTSIDE;
    }

    /** Whether this operator takes a list of allowed values. */
    public boolean isMembership() {
        return this == IN || this == NOT_IN;
    }

    /** Reads any accepted spelling, case-insensitively; empty for an unknown operator. */
    public static Optional<Operator> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Operator op : values()) {
            if (op.symbol.equals(t) || op.aliases.contains(t)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** Every spelling {@link #parse} accepts, for error messages. */
    public static String accepted() {
        StringBuilder sb = new StringBuilder();
        for (Operator op : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(op.symbol);
        }
        return sb.append(" (or words such as greater_than, less_than)").toString();
    }
}
