package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Optional;

/** Delivery state of one notification (seed 003): pending until sent or failed; delivered if confirmed. */
public enum NotificationStatus {
    PENDING, SENT, FAILED, DELIVERED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether no more attempts will be made. */
    public boolean isTerminal() {
        return this != PENDING;
    }

    public static Optional<NotificationStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (NotificationStatus s : values()) {
            if (s.wireName().equalsIgnoreCase(text.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
