package io.vigil.alerting.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The summary of one notification shown inside an alert record (seed 003
 * {@code AlertRecord.notifications[]}); the full story is the {@link NotificationRecord}.
 */
public record NotificationAttempt(String notificationId, String method, String recipient, NotificationStatus status,
                                  Instant sentAt, String error) {
    public NotificationAttempt {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
    }

    public static NotificationAttempt of(NotificationRecord n) {
        return new NotificationAttempt(n.id(), n.method(), n.recipient(), n.status(), n.sentAt(), n.error());
    }
}
