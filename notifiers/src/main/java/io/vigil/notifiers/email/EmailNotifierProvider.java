package io.vigil.notifiers.email;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;
import io.vigil.notifiers.internal.Shared;

import java.util.Optional;

/** Email: available when SMTP is configured (seed 003 {@code email} or seed 000 {@code SMTP_SERVER}). */
public final class EmailNotifierProvider implements NotifierProvider {
    @Override
    public String channel() {
        return Channels.EMAIL;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        return SmtpSettings.from(context).map(s -> new EmailNotifier(s, Shared.renderer(context), context.clock()));
    }
}
