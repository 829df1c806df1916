package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Optional;

/**
 * How a condition reduces the samples in its window {@code (t - window, t]} to one number.
 * {@link #RATE} is the per-second increase between the window's first and last sample, with
 * counter resets (a drop) treated as a restart from zero.
 */
public enum Aggregation {
    LAST, AVG, MIN, MAX, SUM, COUNT, RATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a window is needed; {@link #LAST} looks only at the newest sample. */
    public boolean needsWindow() {
        return this != LAST;
    }

    public static Optional<Aggregation> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("average") || t.equals("mean")) {
            return Optional.of(AVG);
        }
        for (Aggregation a : values()) {
            if (a.wireName().equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
