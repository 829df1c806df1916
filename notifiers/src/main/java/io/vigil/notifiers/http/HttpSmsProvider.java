package io.vigil.notifiers.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.internal.Shared;
import io.vigil.notifiers.sms.SmsProvider;
import io.vigil.notifiers.sms.SmsSettings;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;

/**
 * A generic HTTP SMS gateway: the URL template's {@code {to}}, {@code {message}} and {@code {from}}
 * are replaced by percent-encoded values; {@code GET} calls the URL, {@code POST} also sends
 * {@code {"to", "message", "from"}} as JSON. The API key travels in a header, never in the URL, so
 * it cannot leak through access logs or error details (which show the host only anyway).
 */
final class HttpSmsProvider implements SmsProvider {
    private final SmsSettings settings;
    private final Shared.HttpClientLease http;
    private final HttpDelivery delivery;

    HttpSmsProvider(SmsSettings settings, NotifierContext context) {
        this.settings = settings;
        this.http = Shared.http(context);
        this.delivery = new HttpDelivery(http.client(), context.clock());
    }

    @Override
    public DeliveryResult send(String phoneNumber, String text) {
        HttpUrl url = HttpUrl.parse(expand(settings.urlTemplate(), phoneNumber, text, settings.sender()));
        if (url == null) {
            return DeliveryResult.permanent("the SMS URL template does not give a valid http(s) URL");
        }
        Request.Builder request = new Request.Builder().url(url).header("User-Agent", HttpNotifier.USER_AGENT);
        if (settings.apiKey() != null) {
            request.header(settings.apiKeyHeader(), settings.apiKey().reveal());
        }
        if ("POST".equals(settings.method())) {
            ObjectNode body = HttpNotifier.JSON.createObjectNode()
                    .put("to", phoneNumber).put("message", text).put("from", settings.sender());
            request.post(RequestBody.create(body.toString(), HttpNotifier.JSON_TYPE));
        } else {
            request.get();
        }
        return delivery.execute(request.build(), null);
    }

    static String expand(String template, String to, String message, String from) {
        return template.replace("{to}", percentEncode(to))
                .replace("{message}", percentEncode(message))
                .replace("{from}", percentEncode(from == null ? "" : from));
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters; safe in a path or a query. */
    static String percentEncode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
