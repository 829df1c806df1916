package io.vigil.examples.plugin;

import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.alerting.spi.NotifierProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * An example notifier plugin: channel {@code ntfy}, push notifications through an
 * <a href="https://ntfy.sh">ntfy</a> topic (a plain HTTP {@code POST} of the text, with the title,
 * priority and tags in headers).
 *
 * <p>Settings: {@code NTFY_URL} (the topic's URL, {@code https://ntfy.sh/my-alerts}; without it the
 * channel is off) and optionally {@code NTFY_TOKEN} (an access token, sent as a bearer token).
 * In the server: {@code notifiers.settings: {NTFY_URL: ...}}. A rule may name its own topic URL in
 * its {@code ntfy} channel settings.
 *
 * <p>Registered in {@code META-INF/services/io.vigil.alerting.spi.NotifierProvider}. It makes one
 * attempt per call and says how it went; retries, backoff and records are the dispatcher's.
 */
public final class NtfyNotifierProvider implements NotifierProvider {
    public static final String CHANNEL = "ntfy";

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Optional<Notifier> create(NotifierContext context) {
        Optional<String> url = context.setting("NTFY_URL").filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI topic = URI.create(url.get().trim());
        if (!"http".equals(topic.getScheme()) && !"https".equals(topic.getScheme())) {
            // Never quote the value: a topic URL can be a secret of its own.
            throw new IllegalArgumentException("NTFY_URL must be an http(s) URL");
        }
        return Optional.of(new Ntfy(topic, context.setting("NTFY_TOKEN").orElse(null)));
    }

    /** The notifier. */
    static final class Ntfy implements Notifier {
        private static final Duration TIMEOUT = Duration.ofSeconds(10);
        private final URI defaultTopic;
        private final String token;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Ntfy(URI defaultTopic, String token) {
            this.defaultTopic = defaultTopic;
            this.token = token;
        }

        @Override
        public String channel() {
            return CHANNEL;
        }

        @Override
        public DeliveryResult send(Notification notification) {
            AlertMessage m = notification.message();
            URI topic = notification.settings().url() != null ? URI.create(notification.settings().url()) : defaultTopic;
            boolean resolved = notification.kind() == NotificationKind.RESOLVED;
            HttpRequest.Builder request = HttpRequest.newBuilder(topic).timeout(TIMEOUT)
                    .header("Title", oneLine((resolved ? "Resolved: " : "[" + m.severity().name() + "] ") + m.ruleName()))
                    .header("Priority", resolved ? "default" : priority(m.severity()))
                    .header("Tags", resolved ? "white_check_mark" : "rotating_light")
                    .POST(HttpRequest.BodyPublishers.ofString(body(notification), StandardCharsets.UTF_8));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return DeliveryResult.delivered("ntfy " + status);
                }
                String error = "ntfy answered " + status + " from " + topic.getHost();
                return status == 429 || status >= 500 ? DeliveryResult.retryable(error) : DeliveryResult.permanent(error);
            } catch (IOException e) {
                return DeliveryResult.retryable("cannot reach " + topic.getHost() + ": " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeliveryResult.retryable("interrupted");
            }
        }

        private static String body(Notification n) {
            AlertMessage m = n.message();
            StringBuilder sb = new StringBuilder();
            sb.append(m.description() != null ? m.description() : m.ruleName()).append('\n');
            if (m.condition() != null) {
                sb.append(m.condition());
                if (m.value() != null) {
                    sb.append(" (value ").append(m.value()).append(')');
                }
                sb.append('\n');
            }
            if (!m.labels().isEmpty()) {
                sb.append(m.labels()).append('\n');
            }
            if (n.kind() == NotificationKind.RESOLVED && m.resolveValue() != null) {
                sb.append("recovered at ").append(m.resolveValue()).append('\n');
            }
            return sb.toString();
        }

        private static String priority(Severity severity) {
            return switch (severity) {
                case CRITICAL -> "urgent";
                case HIGH -> "high";
                case MEDIUM -> "default";
                default -> "low";
            };
        }

        /** Header values must be one line; rule names are user input. */
        private static String oneLine(String text) {
            return text.replaceAll("[\\p{Cntrl}]", " ");
        }
    }
}
