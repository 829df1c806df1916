package io.vigil.notifiers.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.template.RenderedMessage;
import io.vigil.notifiers.template.TextFormat;
import io.vigil.notifiers.template.Values;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The generic webhook (seed 003): POST or PUT of a JSON document about the alert to the rule's URL,
 * with the rule's extra headers, {@code X-Vigil-Delivery} (the notification id, the same on every
 * retry, so receivers can drop duplicates), {@code X-Vigil-Event} (the kind) and, when a secret is
 * set, {@code X-Vigil-Timestamp} and {@code X-Vigil-Signature} (see {@link WebhookSigner}).
 *
 * <p>The body is Vigil's own JSON document unless the rule names a template that exists: then the
 * template is the body, with values JSON-escaped, so a receiver expecting its own shape (a chat
 * service, seed 001's templates) can be fed directly.
 */
final class WebhookNotifier extends HttpNotifier {
    static final String DELIVERY_HEADER = "X-Vigil-Delivery";
    static final String EVENT_HEADER = "X-Vigil-Event";

    private final Optional<String> defaultUrl;
    private final Secret defaultSecret;

    WebhookNotifier(NotifierContext context, Optional<String> defaultUrl, Secret defaultSecret) {
        super(context);
        this.defaultUrl = defaultUrl;
        this.defaultSecret = defaultSecret;
    }

    @Override
    public String channel() {
        return Channels.WEBHOOK;
    }

    @Override
    DeliveryResult attempt(Notification n) {
        Optional<HttpUrl> url = url(n, defaultUrl);
        if (url.isEmpty()) {
            return DeliveryResult.permanent("no webhook URL: set the rule's url or WEBHOOK_URL");
        }
        Headers custom;
        try {
            custom = customHeaders(n.settings().headers());
        } catch (BadHeaderException e) {
            return DeliveryResult.permanent(e.getMessage());
        }
        Instant now = clock.instant();
        byte[] body = body(n, now).getBytes(StandardCharsets.UTF_8);
        String method = n.settings().httpMethod() == null ? "POST" : n.settings().httpMethod();
        Request.Builder request = new Request.Builder()
                .url(url.get())
                .headers(custom)
                .header("User-Agent", USER_AGENT)
                .header(DELIVERY_HEADER, n.id())
                .header(EVENT_HEADER, n.kind().wireName())
                .method(method, RequestBody.create(body, JSON_TYPE));
        Secret secret = n.settings().secret() != null ? n.settings().secret() : defaultSecret;
        if (secret != null) {
            long timestamp = now.getEpochSecond();
            request.header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, body));
        }
        return delivery.execute(request.build(), null);
    }

    private String body(Notification n, Instant now) {
        String templateId = n.settings().template();
        if (templateId != null && (renderer.registry().find(templateId).isPresent()
                || renderer.registry().find(templateId + "." + n.kind().wireName()).isPresent())) {
            return renderer.render(n, TextFormat.JSON, now).body();
        }
        return document(n, renderer.render(n, TextFormat.PLAIN, now)).toString();
    }

    /** Vigil's webhook document; field names follow seed 003's camelCase. */
    static ObjectNode document(Notification n, RenderedMessage text) {
        AlertMessage m = n.message();
        ObjectNode root = JSON.createObjectNode();
        root.put("id", n.id());
        root.put("kind", n.kind().wireName());
        root.put("createdAt", Values.instant(n.createdAt()));
        root.put("title", text.title());
        root.put("message", text.body());
        ObjectNode alert = root.putObject("alert");
        alert.put("recordId", m.recordId());
        alert.put("ruleId", m.ruleId());
        alert.put("ruleName", m.ruleName());
        alert.put("description", m.description());
        alert.put("severity", m.severity().wireName());
        alert.put("metric", m.metric());
        alert.put("value", m.value());
        alert.put("threshold", m.threshold());
        alert.put("condition", m.condition());
        ObjectNode labels = alert.putObject("labels");
        m.labels().asMap().forEach(labels::put);
        alert.put("triggeredAt", Values.instant(m.triggeredAt()));
        alert.put("resolvedAt", m.resolvedAt() == null ? null : Values.instant(m.resolvedAt()));
        alert.put("resolveValue", m.resolveValue());
        alert.put("durationSeconds", m.duration() == null ? null : m.duration().toSeconds());
        alert.put("escalationLevel", m.escalationLevel());
        alert.put("link", m.link());
        ObjectNode extra = alert.putObject("extra");
        m.extra().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> extra.put(e.getKey(), e.getValue()));
        return root;
    }
}
