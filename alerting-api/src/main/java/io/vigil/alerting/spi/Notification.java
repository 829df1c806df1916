package io.vigil.alerting.spi;

import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.NotificationKind;

import java.time.Instant;
import java.util.Objects;

/**
 * One message for one recipient on one channel, as handed to a {@link Notifier}.
 *
 * @param id        the {@code NotificationRecord} id; receivers can use it to drop duplicates
 * @param kind      why it is sent
 * @param channel   the channel name
 * @param recipient address, phone number or user; empty where the channel has a fixed target (webhooks)
 * @param settings  the rule's settings for this channel (URL, headers, signing secret, template)
 * @param message   what to say
 * @param createdAt when the notification was created
 */
public record Notification(String id, NotificationKind kind, String channel, String recipient,
                           ChannelSettings settings, AlertMessage message, Instant createdAt) {
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        recipient = recipient == null ? "" : recipient;
        settings = settings == null ? ChannelSettings.defaults() : settings;
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
