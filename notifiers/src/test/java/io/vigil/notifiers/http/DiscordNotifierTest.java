package io.vigil.notifiers.http;

import io.vigil.alerting.testing.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.DeliveryResult.Outcome;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.Fixtures;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.TestContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer discord = Peers.server();
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");
    private final String hookPath = "/api/webhooks/123/s3cr3t-token";
    private final NotifierEnvironment env = TestContext.env(clock,
            Map.of("DISCORD_WEBHOOK_URL", discord.url(hookPath).toString(), "HTTP_READ_TIMEOUT", "500ms"));
    private final Notifier notifier = new DiscordNotifierProvider().create(env).orElseThrow();

    @AfterEach
    void stop() throws Exception {
        notifier.close();
        env.close();
        discord.shutdown();
    }

    @Test
    void postsAnEmbedColouredBySeverityWithLabelsAsFields() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));

        DeliveryResult result = notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
        RecordedRequest request = discord.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo(hookPath);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(JSON.readTree(request.getBody().readUtf8())).isEqualTo(JSON.readTree("""
                {"content": "[HIGH] CPU high is firing",
                 "embeds": [{
                   "title": "[HIGH] CPU high is firing",
                   "description": "CPU above 80% for 5 minutes\\ncpu.usagePercent = 85.5 (condition cpu.usagePercent \\\\>= 80, threshold 80)\\nFired at 2026-02-03T12:30:00Z",
                   "url": "https://vigil.example/alerts/alert_001",
                   "color": 15105570,
                   "fields": [{"name": "env", "value": "prod", "inline": true},
                              {"name": "host", "value": "web-1", "inline": true}],
                   "timestamp": "2026-02-03T12:30:00Z",
                   "footer": {"text": "Vigil · alert alert_001"}}],
                 "allowed_mentions": {"parse": []}}
                """));
    }

    @Test
    void resolvedIsGreenAndShowsRecovery() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));

        notifier.send(Fixtures.notification("discord", "", ChannelSettings.defaults(), NotificationKind.RESOLVED,
                Fixtures.cpuResolved()));

        JsonNode embed = JSON.readTree(discord.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8()).path("embeds").get(0);
        assertThat(embed.path("color").asInt()).isEqualTo(0x2ECC71);
        assertThat(embed.path("title").asText()).isEqualTo("[RESOLVED] CPU high recovered after 1h 30m");
        assertThat(embed.path("description").asText()).contains("Recovered at 2026-02-03T14:00:00Z after 1h 30m",
                "cpu.usagePercent = 42 now");
        assertThat(embed.path("timestamp").asText()).isEqualTo("2026-02-03T14:00:00Z");
    }

    @Test
    void theRulesUrlWinsOverTheDefault() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));

        notifier.send(Fixtures.firing("discord", "", ChannelSettings.webhook(discord.url("/api/webhooks/9/other").toString())));

        assertThat(discord.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/api/webhooks/9/other");
    }

    @Test
    void everyDiscordLimitIsRespectedAndCutsAreClean() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            labels.put("label_" + (char) ('a' + i % 26) + i, "😀".repeat(700)); // 1400 UTF-16 units each
        }
        AlertMessage m = Fixtures.named("R".repeat(300) + " *", Labels.of(labels));
        m = new AlertMessage(m.recordId(), m.ruleId(), m.ruleName(), "🚨".repeat(3000), m.severity(), m.metric(), m.value(),
                m.threshold(), m.condition(), m.labels(), m.triggeredAt(), null, null, 0, m.link(), Map.of());

        assertThat(notifier.send(Fixtures.notification("discord", "", ChannelSettings.defaults(),
                NotificationKind.FIRING, m)).isDelivered()).isTrue();

        JsonNode body = JSON.readTree(discord.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        JsonNode embed = body.path("embeds").get(0);
        assertThat(body.path("content").asText().length()).isLessThanOrEqualTo(2000);
        assertThat(embed.path("title").asText()).hasSize(256).endsWith("…");
        assertThat(embed.path("description").asText().length()).isLessThanOrEqualTo(4096);
        assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
        int total = embed.path("title").asText().length() + embed.path("description").asText().length()
                + embed.path("footer").path("text").asText().length();
        for (JsonNode f : embed.path("fields")) {
            assertThat(f.path("name").asText().length()).isLessThanOrEqualTo(256);
            assertThat(f.path("value").asText().length()).isLessThanOrEqualTo(1024);
            assertThat(f.path("value").asText()).isNotEmpty();
            total += f.path("name").asText().length() + f.path("value").asText().length();
            assertNoBrokenSurrogates(f.path("value").asText());
        }
        assertThat(total).isLessThanOrEqualTo(6000);
        assertNoBrokenSurrogates(embed.path("description").asText());
        assertThat(embed.path("description").asText()).endsWith("🚨…");
    }

    @Test
    void rateLimitWithRetryAfterInTheBodyIsRetryableAfterThatLong() {
        discord.enqueue(new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                .setBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 2.5, \"global\": false}"));

        DeliveryResult result = notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMillis(2500));
        assertThat(result.detail()).contains("HTTP 429").doesNotContain("s3cr3t-token", "/api/webhooks");
    }

    @Test
    void rateLimitHonoursTheLongerOfHeaderAndBody() {
        discord.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7")
                .setBody("{\"retry_after\": 0.25}"));

        assertThat(notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults())).retryAfter())
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreRetryableClientErrorsPermanent() {
        discord.enqueue(new MockResponse().setResponseCode(500).setBody("oops"));
        discord.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\": \"Unknown Webhook\", \"code\": 10015}"));
        discord.enqueue(new MockResponse().setResponseCode(408));

        DeliveryResult serverError = notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));
        DeliveryResult unknownHook = notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));
        DeliveryResult requestTimeout = notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));

        assertThat(serverError.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(unknownHook.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(unknownHook.detail()).contains("HTTP 404", "Unknown Webhook").doesNotContain("s3cr3t");
        assertThat(requestTimeout.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void aPeerThatNeverAnswersTimesOutAsRetryable() {
        discord.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        DeliveryResult result = notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.detail()).startsWith("timeout talking to http://").doesNotContain("s3cr3t");
    }

    @Test
    void aSlowPeerWithinTheTimeoutIsFine() {
        discord.enqueue(new MockResponse().setResponseCode(204).setHeadersDelay(200, TimeUnit.MILLISECONDS));

        assertThat(notifier.send(Fixtures.firing("discord", "", ChannelSettings.defaults())).isDelivered()).isTrue();
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        String dead = "http://127.0.0.1:" + Peers.closedPort() + "/api/webhooks/1/tok";

        DeliveryResult result = notifier.send(Fixtures.firing("discord", "", ChannelSettings.webhook(dead)));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.detail()).startsWith("connection to http://127.0.0.1:").doesNotContain("tok");
    }

    @Test
    void withoutAnyUrlItFailsPermanently() {
        try (NotifierEnvironment bare = TestContext.env(clock, Map.of());
             Notifier n = new DiscordNotifierProvider().create(bare).orElseThrow()) {
            DeliveryResult result = n.send(Fixtures.firing("discord", "", ChannelSettings.defaults()));
            assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
            assertThat(result.detail()).contains("DISCORD_WEBHOOK_URL");
        }
    }

    @Test
    void mentionsInLabelsCannotPing() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));

        notifier.send(Fixtures.notification("discord", "", ChannelSettings.defaults(), NotificationKind.FIRING,
                Fixtures.named("@everyone look", Labels.of("host", "<@&123>"))));

        JsonNode body = JSON.readTree(discord.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(body.path("allowed_mentions").path("parse").size()).isZero();
    }

    private static void assertNoBrokenSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isHighSurrogate(s.charAt(i))) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(s.charAt(i))).isFalse();
            }
        }
    }
}
