package io.vigil.notifiers.http;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;
import io.vigil.notifiers.internal.Settings;

import java.util.Optional;

/**
 * Discord. Always available: a rule may carry its own webhook URL; {@code DISCORD_WEBHOOK_URL}
 * (seed 000) is the default, {@code DISCORD_USERNAME} optionally overrides the webhook's name.
 */
public final class DiscordNotifierProvider implements NotifierProvider {
    @Override
    public String channel() {
        return Channels.DISCORD;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        Settings s = new Settings(context);
        return Optional.of(new DiscordNotifier(context, s.text("DISCORD_WEBHOOK_URL"),
                s.text("DISCORD_USERNAME").orElse(null)));
    }
}
