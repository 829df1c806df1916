package io.vigil.alerting.spi;

import io.vigil.alerting.api.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * One in-app message (seed 003 {@code inApp}).
 *
 * @param id        message id
 * @param recipient user id, or {@link #ALL_ADMINS}
 * @param alertId   the alert it is about, or {@code null}
 * @param severity  the alert's severity
 * @param title     short title
 * @param body      text
 * @param createdAt when written
 * @param readAt    when the recipient marked it read, or {@code null}
 */
public record InboxMessage(String id, String recipient, String alertId, Severity severity, String title, String body,
                           Instant createdAt, Instant readAt) {
    /** Recipient meaning every administrator (seed 003: an empty user list). */
    public static final String ALL_ADMINS = "*admins";

    public InboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isRead() {
        return readAt != null;
    }

    public InboxMessage markedRead(Instant at) {
        return new InboxMessage(id, recipient, alertId, severity, title, body, createdAt, readAt == null ? at : readAt);
    }
}
