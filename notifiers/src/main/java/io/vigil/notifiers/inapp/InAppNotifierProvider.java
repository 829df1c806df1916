package io.vigil.notifiers.inapp;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;
import io.vigil.notifiers.internal.Shared;

import java.util.Optional;

/** In-app messages: available whenever the context has a store. */
public final class InAppNotifierProvider implements NotifierProvider {
    @Override
    public String channel() {
        return Channels.IN_APP;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        return context.store().map(store -> new InAppNotifier(store, Shared.renderer(context), context.clock()));
    }
}
