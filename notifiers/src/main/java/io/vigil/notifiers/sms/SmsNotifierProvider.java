package io.vigil.notifiers.sms;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;
import io.vigil.notifiers.internal.Shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * SMS: available when SMS is configured ({@link SmsSettings#from}). The provider name picks an
 * {@link SmsProviderFactory}; a name no factory answers to is a configuration error and throws
 * {@link ErrorCode#UNKNOWN_CHANNEL}, so a typo is found at start-up rather than at 3 a.m.
 */
public final class SmsNotifierProvider implements NotifierProvider {
    @Override
    public String channel() {
        return Channels.SMS;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        Optional<SmsSettings> settings = SmsSettings.from(context);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        List<String> known = new ArrayList<>();
        for (SmsProviderFactory factory : ServiceLoader.load(SmsProviderFactory.class,
                SmsNotifierProvider.class.getClassLoader())) {
            known.add(factory.name());
            if (factory.name().equalsIgnoreCase(settings.get().provider())) {
                return factory.create(settings.get(), context).map(p ->
                        new SmsNotifier(p, Shared.renderer(context), context.clock(), settings.get().maxLength()));
            }
        }
        throw new AlertingException(ErrorCode.UNKNOWN_CHANNEL,
                "no SMS provider named '" + settings.get().provider() + "'; available: " + known);
    }
}
