package io.vigil.notifiers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.template.TextFormat;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Posts to a Discord webhook ({@code DISCORD_WEBHOOK_URL} or the rule's {@code url}). */
final class DiscordNotifier extends HttpNotifier {
    private final Optional<String> defaultUrl;
    private final String username;

    DiscordNotifier(NotifierContext context, Optional<String> defaultUrl, String username) {
        super(context);
        this.defaultUrl = defaultUrl;
        this.username = username;
    }

    @Override
    public String channel() {
        return Channels.DISCORD;
    }

    @Override
    DeliveryResult attempt(Notification n) {
        Optional<HttpUrl> url = url(n, defaultUrl);
        if (url.isEmpty()) {
            return DeliveryResult.permanent("no Discord webhook URL: set DISCORD_WEBHOOK_URL or the rule's url");
        }
        Instant now = clock.instant();
        String body = DiscordPayload.build(n, renderer.render(n, TextFormat.DISCORD_MARKDOWN, now),
                renderer.render(n, TextFormat.PLAIN, now), username).toString();
        Request request = new Request.Builder()
                .url(url.get())
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(body, JSON_TYPE))
                .build();
        return delivery.execute(request, DiscordNotifier::retryAfterFromBody);
    }

    /** Discord's 429 body: {@code {"message": "...", "retry_after": 1.5, "global": false}}, in seconds. */
    static Duration retryAfterFromBody(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode retry = JSON.readTree(body).path("retry_after");
            if (!retry.isNumber() || retry.asDouble() < 0) {
                return null;
            }
            return Duration.ofMillis((long) Math.ceil(retry.asDouble() * 1000));
        } catch (IOException e) {
            return null;
        }
    }
}
