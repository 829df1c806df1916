package io.vigil.notifiers;

import io.vigil.alerting.api.NotificationConfig.QuietHours;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Quiet hours: whether a notification is held now, and until when. */
final class QuietWindow {
    private QuietWindow() {
    }

    /**
     * The end of the current quiet window if a {@code kind} notification of {@code severity} must
     * wait for it; empty if it goes now. Critical alerts pass when the window lets them; tests and
     * digests always pass.
     */
    static Optional<Instant> holdUntil(QuietHours qh, Instant now, Severity severity, NotificationKind kind) {
        if (qh == null || kind == NotificationKind.TEST || kind == NotificationKind.DIGEST) {
            return Optional.empty();
        }
        if (severity == Severity.CRITICAL && qh.criticalBypasses()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(qh.zone());
        if (!qh.contains(local.toLocalTime())) {
            return Optional.empty();
        }
        return Optional.of(nextEnd(local, qh.end()));
    }

    /** The first instant at or after {@code local} whose local time is {@code end} (DST gaps move it forward). */
    static Instant nextEnd(ZonedDateTime local, LocalTime end) {
        LocalDate day = local.toLocalDate();
        ZonedDateTime candidate = ZonedDateTime.of(day, end, local.getZone());
        if (!candidate.isAfter(local)) {
            candidate = ZonedDateTime.of(day.plusDays(1), end, local.getZone());
        }
        return candidate.toInstant();
    }
}
