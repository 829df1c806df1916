package io.vigil.notifiers;

import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;

import java.time.Instant;

/**
 * The delivery pipeline's states that {@link io.vigil.alerting.api.NotificationStatus} has no name
 * for, written into the record itself so that they survive a restart and show in the history:
 *
 * <ul>
 *   <li>held for quiet hours: {@code pending}, error {@code "held: quiet hours until <end>"}, due at the window's end;</li>
 *   <li>handed to a digest: {@code pending}, error {@code "in digest <id>"}, due when the digest should have settled;</li>
 *   <li>suppressed by the minimum interval: {@code failed}, error {@code "suppressed: min interval ..."}.</li>
 * </ul>
 */
final class Records {
    static final String HELD = "held: quiet hours until ";
    static final String IN_DIGEST = "in digest ";
    static final String SUPPRESSED = "suppressed: min interval ";

    private Records() {
    }

    static boolean isHeld(NotificationRecord r) {
        return r.status() == NotificationStatus.PENDING && r.error() != null && r.error().startsWith(HELD);
    }

    static boolean isInDigest(NotificationRecord r) {
        return r.status() == NotificationStatus.PENDING && r.error() != null && r.error().startsWith(IN_DIGEST);
    }

    static String digestId(NotificationRecord r) {
        return r.error().substring(IN_DIGEST.length());
    }

    static NotificationRecord held(NotificationRecord r, Instant until) {
        return with(r, HELD + until, until);
    }

    static NotificationRecord inDigest(NotificationRecord r, String digestId, Instant checkBack) {
        return with(r, IN_DIGEST + digestId, checkBack);
    }

    /** Claimed by an attempt until {@code until}: if the process dies, the record comes due again then. */
    static NotificationRecord leased(NotificationRecord r, Instant until) {
        return with(r, r.error(), until);
    }

    /** Pending, with {@code error} and due at {@code next}; the retry count is unchanged. */
    static NotificationRecord with(NotificationRecord r, String error, Instant next) {
        return new NotificationRecord(r.id(), r.alertId(), r.ruleId(), r.kind(), r.method(), r.recipient(), r.subject(),
                r.content(), NotificationStatus.PENDING, r.createdAt(), r.sentAt(), r.deliveredAt(), error,
                r.retryCount(), next, r.version());
    }

    /** Sent, with the error of earlier attempts cleared: a sent record's error would read as a failure. */
    static NotificationRecord sent(NotificationRecord r, Instant at) {
        return new NotificationRecord(r.id(), r.alertId(), r.ruleId(), r.kind(), r.method(), r.recipient(), r.subject(),
                r.content(), NotificationStatus.SENT, r.createdAt(), at, r.deliveredAt(), null, r.retryCount(), null,
                r.version());
    }

    /** The id of the request a record belongs to: records are named {@code <request>.<n>} or {@code <request>.fallback.<n>}. */
    static String requestId(String recordId) {
        int dot = recordId.indexOf('.');
        return dot < 0 ? recordId : recordId.substring(0, dot);
    }

    static boolean isFallback(String recordId) {
        return recordId.contains(".fallback.");
    }
}
