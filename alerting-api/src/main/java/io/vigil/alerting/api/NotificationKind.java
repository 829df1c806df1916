package io.vigil.alerting.api;

import java.util.Locale;

/** Why a notification is sent; each kind has its own wording. */
public enum NotificationKind {
    FIRING, RESOLVED, ESCALATION, REMINDER, NO_DATA, TEST, DIGEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
