package io.vigil.notifiers;

import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the notifier providers on the class path and creates the channels they can serve. */
public final class Notifiers {
    private Notifiers() {
    }

    /**
     * One notifier per configured channel, in class-path order; a provider whose channel is not
     * configured is skipped. A provider that throws (a malformed setting) stops loading: a broken
     * configuration must be found at start-up. The first provider for a channel wins.
     */
    public static List<Notifier> load(NotifierContext context) {
        return load(context, ServiceLoader.load(NotifierProvider.class, Notifiers.class.getClassLoader()));
    }

    static List<Notifier> load(NotifierContext context, Iterable<NotifierProvider> providers) {
        List<Notifier> notifiers = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        try {
            for (NotifierProvider provider : providers) {
                if (channels.contains(provider.channel())) {
                    continue;
                }
                provider.create(context).ifPresent(n -> {
                    notifiers.add(n);
                    channels.add(n.channel());
                });
            }
        } catch (RuntimeException e) {
            notifiers.forEach(Notifier::close);
            throw e;
        }
        return notifiers;
    }
}
