package io.vigil.notifiers.http;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;
import io.vigil.notifiers.internal.Settings;

import java.util.Optional;

/**
 * The generic webhook. Always available: URLs are per rule (seed 003); {@code WEBHOOK_URL} and
 * {@code WEBHOOK_SECRET} are optional defaults.
 */
public final class WebhookNotifierProvider implements NotifierProvider {
    @Override
    public String channel() {
        return Channels.WEBHOOK;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        Settings s = new Settings(context);
        return Optional.of(new WebhookNotifier(context, s.text("WEBHOOK_URL"), s.secret("WEBHOOK_SECRET").orElse(null)));
    }
}
