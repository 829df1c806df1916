package io.vigil.notifiers.http;

import io.vigil.alerting.testing.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.DeliveryResult.Outcome;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.Fixtures;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.TestContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SlackNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer slack = Peers.server();
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");
    private final NotifierEnvironment env = TestContext.env(clock,
            Map.of("SLACK_WEBHOOK_URL", slack.url("/services/T000/B000/XXXX").toString()));
    private final Notifier notifier = new SlackNotifierProvider().create(env).orElseThrow();

    @AfterEach
    void stop() throws Exception {
        notifier.close();
        env.close();
        slack.shutdown();
    }

    @Test
    void postsBlocksWithATextFallback() throws Exception {
        slack.enqueue(new MockResponse().setBody("ok"));

        assertThat(notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults())).isDelivered()).isTrue();

        RecordedRequest request = slack.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getPath()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(JSON.readTree(request.getBody().readUtf8())).isEqualTo(JSON.readTree("""
                {"text": "[HIGH] CPU high is firing",
                 "blocks": [
                   {"type": "header", "text": {"type": "plain_text", "text": ":red_circle: [HIGH] CPU high is firing", "emoji": true}},
                   {"type": "section", "text": {"type": "mrkdwn", "text": "CPU above 80% for 5 minutes\\ncpu.usagePercent = 85.5 (condition cpu.usagePercent &gt;= 80, threshold 80)\\nFired at 2026-02-03T12:30:00Z"}},
                   {"type": "section", "fields": [{"type": "mrkdwn", "text": "*env*\\nprod"}, {"type": "mrkdwn", "text": "*host*\\nweb-1"}]},
                   {"type": "context", "elements": [{"type": "mrkdwn", "text": "*high* · firing · 2026-02-03T12:30:00Z · alert alert_001 · <https://vigil.example/alerts/alert_001|open>"}]}
                 ]}
                """));
    }

    @Test
    void valuesCannotForgeLinksOrMentionsAndFieldsAreCapped() throws Exception {
        slack.enqueue(new MockResponse().setBody("ok"));
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 14; i++) {
            labels.put("l" + (10 + i), "<!channel>");
        }

        notifier.send(Fixtures.notification("slack", "", ChannelSettings.defaults(), NotificationKind.FIRING,
                Fixtures.named("<https://evil|click> & <!here>", Labels.of(labels))));

        String raw = slack.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8();
        JsonNode body = JSON.readTree(raw);
        assertThat(body.path("text").asText()).isEqualTo("[HIGH] &lt;https://evil|click&gt; &amp; &lt;!here&gt; is firing");
        JsonNode fields = body.path("blocks").get(2).path("fields");
        assertThat(fields.size()).isEqualTo(10);
        assertThat(fields.get(0).path("text").asText()).isEqualTo("*l10*\n&lt;!channel&gt;");
        assertThat(fields.get(9).path("text").asText()).isEqualTo("…and 5 more labels");
        // Slack reads mentions and links only in mrkdwn; the header is plain_text and shows them literally.
        assertThat(body.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        for (JsonNode mrkdwn : body.findParents("type")) {
            if (mrkdwn.path("type").asText().equals("mrkdwn")) {
                assertThat(mrkdwn.path("text").asText()).doesNotContain("<!", "<https://evil");
            }
        }
    }

    @Test
    void rateLimitHonoursRetryAfter() {
        slack.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "30").setBody("rate_limited"));

        DeliveryResult result = notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
        slack.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "Tue, 03 Feb 2026 12:32:30 GMT"));

        assertThat(notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults())).retryAfter())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void slackErrorsArePermanentAndServerErrorsRetryable() {
        slack.enqueue(new MockResponse().setResponseCode(400).setBody("invalid_payload"));
        slack.enqueue(new MockResponse().setResponseCode(410).setBody("channel_is_archived"));
        slack.enqueue(new MockResponse().setResponseCode(502));

        DeliveryResult invalid = notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults()));
        DeliveryResult archived = notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults()));
        DeliveryResult badGateway = notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults()));

        assertThat(invalid.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(invalid.detail()).contains("invalid_payload").doesNotContain("XXXX");
        assertThat(archived.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(badGateway.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void aRedirectIsNotFollowed() {
        slack.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "http://127.0.0.1:1/elsewhere"));

        DeliveryResult result = notifier.send(Fixtures.firing("slack", "", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.detail()).contains("redirects are not followed");
        assertThat(slack.getRequestCount()).isEqualTo(1);
    }
}
