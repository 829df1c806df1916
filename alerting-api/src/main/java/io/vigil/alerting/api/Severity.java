package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Optional;

/** How bad an alert is, in increasing order (seed 003: low, medium, high, critical). */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in JSON and YAML. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a severity case-insensitively; {@code info} and {@code warning} are accepted as the
     * usual names for {@code low} and {@code medium}.
     */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "low": case "info": return Optional.of(LOW);
            case "medium": case "warning": case "warn": return Optional.of(MEDIUM);
            case "high": case "error": return Optional.of(HIGH);
            case "critical": return Optional.of(CRITICAL);
            default: return Optional.empty();
        }
    }
}
