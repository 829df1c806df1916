package io.vigil.notifiers.sms;

import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.internal.Settings;

import java.util.Locale;
import java.util.Optional;

/**
 * SMS settings, from seed 003's {@code sms} configuration or from the {@code SMS_*} settings.
 *
 * @param provider     provider name ({@code http})
 * @param urlTemplate  for {@code http}: the gateway URL with {@code {to}}, {@code {message}} and {@code {from}}
 * @param method       for {@code http}: {@code GET} or {@code POST}
 * @param apiKey       API key, sent in the header {@code apiKeyHeader}; or {@code null}
 * @param apiKeyHeader the header carrying the key ({@code X-Api-Key} unless configured)
 * @param apiSecret    API secret for providers that need one, or {@code null}
 * @param sender       sender id or signature ({@code {from}}), or {@code null}
 * @param maxLength    longest text sent; longer messages are cut with an ellipsis
 */
public record SmsSettings(String provider, String urlTemplate, String method, Secret apiKey, String apiKeyHeader,
                          Secret apiSecret, String sender, int maxLength) {
    public static final int DEFAULT_MAX_LENGTH = 480;
    public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

    public SmsSettings {
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        apiKeyHeader = apiKeyHeader == null ? DEFAULT_API_KEY_HEADER : apiKeyHeader;
        if (maxLength < 1) {
            throw new IllegalArgumentException("SMS maximum length must be positive");
        }
    }

    /**
     * The settings in effect: the stored configuration if it has an {@code sms} block (empty when
     * it is disabled), else the {@code SMS_*} settings (empty without {@code SMS_PROVIDER}).
     */
    public static Optional<SmsSettings> from(NotifierContext context) {
        Settings s = new Settings(context);
        NotificationConfig.Sms sms = context.config().sms();
        String method = s.text("SMS_METHOD").orElse(null);
        String header = s.text("SMS_API_KEY_HEADER").orElse(null);
        int max = s.integer("SMS_MAX_LENGTH", DEFAULT_MAX_LENGTH);
        if (sms != null) {
            if (!sms.enabled()) {
                return Optional.empty();
            }
            String url = sms.urlTemplate() != null ? sms.urlTemplate() : s.text("SMS_URL_TEMPLATE").orElse(null);
            return Optional.of(new SmsSettings(sms.provider(), url, method, sms.apiKey(), header, sms.apiSecret(),
                    sms.signature(), max));
        }
        return s.text("SMS_PROVIDER").map(provider -> new SmsSettings(provider,
                s.text("SMS_URL_TEMPLATE").orElse(null), method, s.secret("SMS_API_KEY").orElse(null), header,
                s.secret("SMS_API_SECRET").orElse(null), s.text("SMS_SENDER").orElse(null), max));
    }
}
