package io.vigil.notifiers.http;

import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.sms.SmsProvider;
import io.vigil.notifiers.sms.SmsProviderFactory;
import io.vigil.notifiers.sms.SmsSettings;
import okhttp3.HttpUrl;

import java.util.Optional;

/** The {@code http} SMS provider: needs a URL template ({@code SMS_URL_TEMPLATE} or {@code sms.urlTemplate}). */
public final class HttpSmsProviderFactory implements SmsProviderFactory {
    @Override
    public String name() {
        return "http";
    }

    @Override
    public Optional<SmsProvider> create(SmsSettings settings, NotifierContext context) {
        if (settings.urlTemplate() == null || settings.urlTemplate().isBlank()) {
            return Optional.empty();
        }
        if (HttpUrl.parse(HttpSmsProvider.expand(settings.urlTemplate(), "+10000000000", "test", "vigil")) == null) {
            throw new IllegalArgumentException("SMS_URL_TEMPLATE is not an http(s) URL template");
        }
        if (!settings.method().equals("GET") && !settings.method().equals("POST")) {
            throw new IllegalArgumentException("SMS_METHOD must be GET or POST");
        }
        return Optional.of(new HttpSmsProvider(settings, context));
    }
}
