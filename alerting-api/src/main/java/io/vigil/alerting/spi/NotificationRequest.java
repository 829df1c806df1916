package io.vigil.alerting.spi;

import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;

import java.util.List;
import java.util.Objects;

/**
 * What the runtime asks the delivery side (the notifiers module's dispatcher) to deliver: one alert event and the
 * rule's notification policy.
 *
 * @param kind            why (firing, resolved, escalation, ...)
 * @param message         the alert facts the templates render
 * @param policy          the rule's policy: channels, per-channel settings, fallback, templates, {@code sendResolved}
 * @param channels        the channels to notify, or {@code null} for the policy's active channels
 *                        (an escalation level names its own)
 * @param extraRecipients recipients added to the channels they fit (an escalation level's
 *                        {@code recipients}: addresses go to email, phone numbers to SMS, anything to in-app)
 */
public record NotificationRequest(NotificationKind kind, AlertMessage message, NotificationPolicy policy,
                                  List<String> channels, List<String> extraRecipients) {
    public NotificationRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        policy = policy == null ? NotificationPolicy.none() : policy;
        channels = channels == null ? null : List.copyOf(channels);
        extraRecipients = extraRecipients == null ? List.of() : List.copyOf(extraRecipients);
        if (kind == NotificationKind.DIGEST) {
            throw new IllegalArgumentException("digests are made by the dispatcher, not requested");
        }
    }

    public static NotificationRequest of(NotificationKind kind, AlertMessage message, NotificationPolicy policy) {
        return new NotificationRequest(kind, message, policy, null, null);
    }

    public static NotificationRequest firing(AlertMessage message, NotificationPolicy policy) {
        return of(NotificationKind.FIRING, message, policy);
    }

    public static NotificationRequest resolved(AlertMessage message, NotificationPolicy policy) {
        return of(NotificationKind.RESOLVED, message, policy);
    }

    public static NotificationRequest reminder(AlertMessage message, NotificationPolicy policy) {
        return of(NotificationKind.REMINDER, message, policy);
    }

    public static NotificationRequest noData(AlertMessage message, NotificationPolicy policy) {
        return of(NotificationKind.NO_DATA, message, policy);
    }

    /** An escalation to {@code level}: its channels (or the rule's when it names none) and its recipients. */
    public static NotificationRequest escalation(AlertMessage message, NotificationPolicy policy, EscalationLevel level) {
        return new NotificationRequest(NotificationKind.ESCALATION, message, policy,
                level.channels().isEmpty() ? null : level.channels(), level.recipients());
    }

    /** The channels this request goes to. */
    public List<String> targetChannels() {
        return channels != null ? channels : policy.activeChannels();
    }
}
