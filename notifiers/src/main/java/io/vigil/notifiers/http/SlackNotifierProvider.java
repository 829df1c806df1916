package io.vigil.notifiers.http;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;
import io.vigil.notifiers.internal.Settings;

import java.util.Optional;

/** Slack. Always available: a rule may carry its own URL; {@code SLACK_WEBHOOK_URL} is the default. */
public final class SlackNotifierProvider implements NotifierProvider {
    @Override
    public String channel() {
        return Channels.SLACK;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        return Optional.of(new SlackNotifier(context, new Settings(context).text("SLACK_WEBHOOK_URL")));
    }
}
