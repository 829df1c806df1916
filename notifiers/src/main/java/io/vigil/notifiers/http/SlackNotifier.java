package io.vigil.notifiers.http;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.template.TextFormat;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.time.Instant;
import java.util.Optional;

/** Posts to a Slack incoming webhook ({@code SLACK_WEBHOOK_URL} or the rule's {@code url}). */
final class SlackNotifier extends HttpNotifier {
    private final Optional<String> defaultUrl;

    SlackNotifier(NotifierContext context, Optional<String> defaultUrl) {
        super(context);
        this.defaultUrl = defaultUrl;
    }

    @Override
    public String channel() {
        return Channels.SLACK;
    }

    @Override
    DeliveryResult attempt(Notification n) {
        Optional<HttpUrl> url = url(n, defaultUrl);
        if (url.isEmpty()) {
            return DeliveryResult.permanent("no Slack webhook URL: set SLACK_WEBHOOK_URL or the rule's url");
        }
        Instant now = clock.instant();
        String body = SlackPayload.build(n, renderer.render(n, TextFormat.SLACK_MRKDWN, now),
                renderer.render(n, TextFormat.PLAIN, now)).toString();
        Request request = new Request.Builder()
                .url(url.get())
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(body, JSON_TYPE))
                .build();
        return delivery.execute(request, null);
    }
}
