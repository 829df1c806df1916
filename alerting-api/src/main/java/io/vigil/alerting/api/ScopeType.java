package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Optional;

/** What a rule applies to (seed 003 {@code scope}). A non-global scope matches the label of the same name. */
public enum ScopeType {
    GLOBAL, VM, GROUP, CLUSTER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sample label whose value must equal the scope id: {@code vm}, {@code group} or {@code cluster}. */
    public String labelName() {
        return this == GLOBAL ? null : wireName();
    }

    public static Optional<ScopeType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (ScopeType t : values()) {
            if (t.wireName().equalsIgnoreCase(text.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
