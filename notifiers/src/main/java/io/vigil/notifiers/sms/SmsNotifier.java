package io.vigil.notifiers.sms;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.internal.Texts;
import io.vigil.notifiers.template.MessageRenderer;
import io.vigil.notifiers.template.TextFormat;

import java.time.Clock;
import java.util.regex.Pattern;

/** The {@code sms} channel: renders the SMS text and hands it to the configured {@link SmsProvider}. */
final class SmsNotifier implements Notifier {
    /** E.164-like: an optional +, then digits with the usual separators. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-]{3,24}");

    private final SmsProvider provider;
    private final MessageRenderer renderer;
    private final Clock clock;
    private final int maxLength;

    SmsNotifier(SmsProvider provider, MessageRenderer renderer, Clock clock, int maxLength) {
        this.provider = provider;
        this.renderer = renderer;
        this.clock = clock;
        this.maxLength = maxLength;
    }

    @Override
    public String channel() {
        return Channels.SMS;
    }

    @Override
    public DeliveryResult send(Notification n) {
        String to = n.recipient().trim();
        if (to.isEmpty()) {
            return DeliveryResult.permanent("no phone number: the rule's sms settings list no recipients");
        }
        if (!PHONE.matcher(to).matches()) {
            return DeliveryResult.permanent("not a phone number: '" + Texts.truncate(Texts.singleLine(to), 40) + "'");
        }
        String text = renderer.render(n, TextFormat.PLAIN, clock.instant()).body();
        try {
            return provider.send(to, Texts.truncate(text, maxLength));
        } catch (RuntimeException e) {
            return DeliveryResult.retryable("SMS provider failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        provider.close();
    }
}
