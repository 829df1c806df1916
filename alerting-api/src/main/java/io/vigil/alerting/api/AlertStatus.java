package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an alert record is in its lifecycle (seed 003): {@code active -> acknowledged -> resolved},
 * or {@code ignored}. Resolved and ignored are final.
 */
public enum AlertStatus {
    ACTIVE, ACKNOWLEDGED, RESOLVED, IGNORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a record may move from this status to {@code next}. */
    public boolean canMoveTo(AlertStatus next) {
        switch (this) {
            case ACTIVE: return next == ACKNOWLEDGED || next == RESOLVED || next == IGNORED;
            case ACKNOWLEDGED: return next == RESOLVED || next == IGNORED;
            default: return false;
        }
    }

    /** Whether the alert still needs attention (active or acknowledged). */
    public boolean isOpen() {
        return this == ACTIVE || this == ACKNOWLEDGED;
    }

    public static Optional<AlertStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (AlertStatus s : values()) {
            if (s.wireName().equalsIgnoreCase(text.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
