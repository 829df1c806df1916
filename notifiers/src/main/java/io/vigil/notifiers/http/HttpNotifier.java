package io.vigil.notifiers.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.internal.Shared;
import io.vigil.notifiers.internal.Texts;
import io.vigil.notifiers.template.MessageRenderer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the HTTP channels share: the client, the attempt rule, rendering and URL checks. */
abstract class HttpNotifier implements Notifier {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    static final String USER_AGENT = "Vigil-Notifier/1";
    /** Headers a rule may not set: the HTTP layer owns them. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection");

    final Clock clock;
    final MessageRenderer renderer;
    final HttpDelivery delivery;
    private final Shared.HttpClientLease http;

    HttpNotifier(NotifierContext context) {
        this.clock = context.clock();
        this.renderer = Shared.renderer(context);
        this.http = Shared.http(context);
        this.delivery = new HttpDelivery(http.client(), clock);
    }

    @Override
    public final DeliveryResult send(Notification notification) {
        try {
            return attempt(notification);
        } catch (RuntimeException e) {
            // A bug or an unusable setting: another try would fail the same way. The exception's
            // message is left out because it may quote a header value.
            return DeliveryResult.permanent(channel() + ": could not build the request ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    abstract DeliveryResult attempt(Notification notification);

    /** The rule's URL, else the configured default; empty if neither is an http(s) URL. */
    static Optional<HttpUrl> url(Notification n, Optional<String> configuredDefault) {
        String raw = n.settings().url() != null && !n.settings().url().isBlank()
                ? n.settings().url().trim() : configuredDefault.orElse(null);
        return raw == null ? Optional.empty() : Optional.ofNullable(HttpUrl.parse(raw));
    }

    /**
     * The rule's extra headers. A header with a control character in its name or value is refused
     * as a permanent failure (header injection); reserved transport headers are dropped.
     */
    static Headers customHeaders(Map<String, String> headers) throws BadHeaderException {
        Headers.Builder b = new Headers.Builder();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().trim();
            String value = e.getValue() == null ? "" : e.getValue();
            // Names are visible ASCII without ':'; values are visible ASCII, space or tab. That
            // rules out CR and LF, so a value from a rule can never start a header of its own.
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')
                    || !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new BadHeaderException(Texts.singleLine(name));
            }
            if (!RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                b.set(name, value);
            }
        }
        return b.build();
    }

    /** A header a rule configured that cannot be sent. */
    static final class BadHeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        BadHeaderException(String name) {
            super("header '" + name + "' has an invalid name or a control or non-ASCII character in its value",
                    null, false, false);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
