package io.vigil.alerting.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification to one recipient over one channel (seed 003 {@code NotificationRecord}). It is
 * written {@code pending} before the first attempt, so a crash cannot lose it; it ends
 * {@code sent} (or {@code delivered}) or {@code failed} with the error and the number of retries.
 *
 * @param id            notification id
 * @param alertId       the alert record, or {@code null} for test notifications and digests
 * @param ruleId        the rule, or {@code null}
 * @param kind          why it is sent
 * @param method        the channel ({@code email}, {@code discord}, ...)
 * @param recipient     address, phone number, user or URL label; never a secret
 * @param subject       subject line, or {@code null}
 * @param content       rendered body
 * @param status        delivery state
 * @param createdAt     when written
 * @param sentAt        when the channel accepted it, or {@code null}
 * @param deliveredAt   when delivery was confirmed, or {@code null}
 * @param error         the last error, or {@code null}
 * @param retryCount    attempts after the first
 * @param nextAttemptAt when the next attempt is due while pending, or {@code null}
 * @param version       optimistic-concurrency version
 */
public record NotificationRecord(String id, String alertId, String ruleId, NotificationKind kind, String method,
                                 String recipient, String subject, String content, NotificationStatus status,
                                 Instant createdAt, Instant sentAt, Instant deliveredAt, String error, int retryCount,
                                 Instant nextAttemptAt, long version) {
    public NotificationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        recipient = recipient == null ? "" : recipient;
        content = content == null ? "" : content;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (retryCount < 0) {
            throw new IllegalArgumentException("retryCount must not be negative");
        }
    }

    /** A new pending notification due at once. */
    public static NotificationRecord pending(String id, String alertId, String ruleId, NotificationKind kind,
                                             String method, String recipient, String subject, String content,
                                             Instant now) {
        return new NotificationRecord(id, alertId, ruleId, kind, method, recipient, subject, content,
                NotificationStatus.PENDING, now, null, null, null, 0, now, 0);
    }

    public NotificationRecord sent(Instant at) {
        return new NotificationRecord(id, alertId, ruleId, kind, method, recipient, subject, content,
                NotificationStatus.SENT, createdAt, at, deliveredAt, error, retryCount, null, version);
    }

    /** Still pending after a failed attempt; the next attempt is due at {@code next}. */
    public NotificationRecord retryAt(Instant next, String lastError) {
        return new NotificationRecord(id, alertId, ruleId, kind, method, recipient, subject, content,
                NotificationStatus.PENDING, createdAt, sentAt, deliveredAt, lastError, retryCount + 1, next, version);
    }

    public NotificationRecord failed(String finalError) {
        return new NotificationRecord(id, alertId, ruleId, kind, method, recipient, subject, content,
                NotificationStatus.FAILED, createdAt, sentAt, deliveredAt, finalError, retryCount, null, version);
    }

    public NotificationRecord withVersion(long newVersion) {
        return new NotificationRecord(id, alertId, ruleId, kind, method, recipient, subject, content, status,
                createdAt, sentAt, deliveredAt, error, retryCount, nextAttemptAt, newVersion);
    }
}
