package io.vigil.notifiers;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.spi.AlertMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 003's "the same alert is notified at most every 15 minutes". The same alert is one rule on
 * one set of labels (so a flapping alert that fires again as a new record still counts), and
 * each kind counts separately: a resolved message never suppresses a firing one, and each
 * escalation level is its own kind. Tests and digests are never suppressed.
 *
 * <p>The memory is in-process: after a restart the first notification of an alert goes out.
 */
final class MinIntervalGate {
    private static final int PRUNE_ABOVE = 10_000;

    private record Key(String rule, Labels labels, NotificationKind kind, int level) {
    }

    private final Map<Key, Instant> lastNotified = new HashMap<>();

    /** Empty if the notification may go (and it is remembered as sent now), else when the last one went. */
    synchronized Optional<Instant> admit(AlertMessage m, NotificationKind kind, Instant now, Duration minInterval) {
        if (kind == NotificationKind.TEST || kind == NotificationKind.DIGEST || minInterval.isZero()) {
            return Optional.empty();
        }
        Key key = new Key(m.ruleId() != null ? m.ruleId() : m.ruleName(), m.labels(), kind,
                kind == NotificationKind.ESCALATION ? m.escalationLevel() : 0);
        Instant last = lastNotified.get(key);
        if (last != null && now.isBefore(last.plus(minInterval))) {
            return Optional.of(last);
        }
        if (lastNotified.size() > PRUNE_ABOVE) {
            lastNotified.values().removeIf(t -> !now.isBefore(t.plus(minInterval)));
        }
        lastNotified.put(key, now);
        return Optional.empty();
    }
}
