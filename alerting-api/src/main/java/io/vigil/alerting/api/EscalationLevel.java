package io.vigil.alerting.api;

import java.time.Duration;
import java.util.List;

/**
 * One escalation step (seed 003 {@code escalation.levels[]}): if the alert is still neither
 * acknowledged nor resolved {@code delay} after it fired, notify these channels and recipients.
 *
 * @param delay      time after firing; positive
 * @param channels   channels to notify; empty means the rule's own channels
 * @param recipients extra recipients for those channels
 */
public record EscalationLevel(Duration delay, List<String> channels, List<String> recipients) {
    public EscalationLevel {
        Problems p = new Problems();
        p.requirePositive(delay, "delay");
        p.throwIfAny();
        channels = channels == null ? List.of() : List.copyOf(channels);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public static EscalationLevel after(Duration delay, String... channels) {
        return new EscalationLevel(delay, List.of(channels), List.of());
    }
}
