package io.vigil.notifiers.http;

import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.notifiers.internal.SafeUrl;
import io.vigil.notifiers.internal.Texts;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One HTTP attempt and what it means for delivery. The rule, shared by every HTTP channel:
 * 2xx delivered; 408, 429 and 5xx, timeouts, refused connections and unknown hosts are worth
 * another try (429 and 503 with the peer's {@code Retry-After}); every other 4xx, a redirect or a
 * failed TLS handshake is permanent. Details name the host only, never the URL's path or query,
 * which is where webhook tokens and API keys live.
 */
final class HttpDelivery {
    private static final int MAX_BODY_IN_DETAIL = 200;
    private static final long MAX_BODY_READ = 4096;

    /** Reads a peer-specific retry hint from a 429 body (Discord's {@code retry_after}); null if none. */
    interface BodyRetryAfter {
        Duration read(String body);
    }

    private final OkHttpClient client;
    private final Clock clock;

    HttpDelivery(OkHttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    DeliveryResult execute(Request request, BodyRetryAfter bodyRetryAfter) {
        String target = SafeUrl.describe(request.url());
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                return DeliveryResult.delivered("HTTP " + code + " from " + target);
            }
            String body = readBody(response.body());
            String shown = Texts.truncate(Texts.singleLine(body).strip(), MAX_BODY_IN_DETAIL);
            String detail = "HTTP " + code + " from " + target + (shown.isEmpty() ? "" : ": " + shown);
            if (code == 429 || code == 503) {
                Duration wait = longest(retryAfterHeader(response.header("Retry-After")),
                        code == 429 && bodyRetryAfter != null ? safeRead(bodyRetryAfter, body) : null);
                return DeliveryResult.retryableAfter(detail, wait);
            }
            if (code == 408 || code >= 500) {
                return DeliveryResult.retryable(detail);
            }
            if (code >= 300 && code < 400) {
                return DeliveryResult.permanent("HTTP " + code + " from " + target + ": redirects are not followed");
            }
            return DeliveryResult.permanent(detail);
        } catch (SSLPeerUnverifiedException | SSLHandshakeException e) {
            return DeliveryResult.permanent("TLS handshake with " + target + " failed: " + clean(e, request));
        } catch (ConnectException e) {
            return DeliveryResult.retryable("connection to " + target + " refused: " + clean(e, request));
        } catch (UnknownHostException e) {
            return DeliveryResult.retryable("unknown host " + target);
        } catch (InterruptedIOException e) {
            return DeliveryResult.retryable("timeout talking to " + target + ": " + clean(e, request));
        } catch (IOException e) {
            return DeliveryResult.retryable("I/O error talking to " + target + ": " + clean(e, request));
        }
    }

    private static Duration safeRead(BodyRetryAfter reader, String body) {
        try {
            return reader.read(body);
        } catch (RuntimeException e) {
            return null; // a malformed hint only loses the hint
        }
    }

    /** Up to 4 KiB of the response body: enough for error JSON, bounded against a hostile peer. */
    private static String readBody(ResponseBody body) {
        if (body == null) {
            return "";
        }
        try {
            BufferedSource source = body.source();
            source.request(MAX_BODY_READ);
            Buffer buffer = source.getBuffer();
            return buffer.readUtf8(Math.min(buffer.size(), MAX_BODY_READ));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code Retry-After} as seconds (Discord sends fractions) or an HTTP date; null if absent or unreadable. */
    Duration retryAfterHeader(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds >= 0 && !Double.isInfinite(seconds) ? Duration.ofMillis((long) Math.ceil(seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private static Duration longest(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** The exception's message without the request's path or query. */
    private static String clean(Exception e, Request request) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String url = request.url().toString();
        msg = msg.replace(url, SafeUrl.describe(request.url()));
        String path = request.url().encodedPath();
        if (path.length() > 1) {
            msg = msg.replace(path, "/...");
        }
        String query = request.url().encodedQuery();
        if (query != null && !query.isEmpty()) {
            msg = msg.replace(query, "...");
        }
        return Texts.singleLine(msg);
    }
}
