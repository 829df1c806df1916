package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Optional;

/** How a rule's conditions combine (seed 003 {@code conditionLogic}). */
public enum ConditionLogic {
    AND, OR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConditionLogic> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("and") || t.equals("all") || t.equals("&&")) {
            return Optional.of(AND);
        }
        if (t.equals("or") || t.equals("any") || t.equals("||")) {
            return Optional.of(OR);
        }
        return Optional.empty();
    }
}
