package io.vigil.alerting.runtime;

import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.spi.AlertMessage;

import java.util.List;
import java.util.Objects;

/**
 * What the runtime asks the delivery side to send: an alert became firing, resolved, escalated,
 * needs a reminder, or was sent by hand. The delivery side (the {@code notifiers} module's
 * dispatcher, or anything a host plugs in) turns it into one notification per channel and
 * recipient.
 *
 * @param kind            why it is sent
 * @param message         the alert's facts, for templates
 * @param policy          the rule's notification policy (channel settings, templates, fallback)
 * @param channels        the channels to notify: the rule's active channels, or an escalation level's
 * @param extraRecipients recipients added by an escalation level
 */
public record NotificationRequest(NotificationKind kind, AlertMessage message, NotificationPolicy policy,
                                  List<String> channels, List<String> extraRecipients) {
    public NotificationRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(policy, "policy");
        channels = List.copyOf(channels);
        extraRecipients = extraRecipients == null ? List.of() : List.copyOf(extraRecipients);
    }
}
