package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.store.InMemoryAlertStore;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import io.vigil.notifiers.NotificationDispatcher;
import io.vigil.notifiers.NotifierEnvironment;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API over the real notifiers: test notifications, channels and templates go through a
 * {@link NotificationDispatcher} to a Discord stand-in on 127.0.0.1 (OkHttp's MockWebServer), and
 * alerts fired by evaluation are delivered the same way.
 */
class NotifiersIntegrationTest {
    private final MockWebServer discord = new MockWebServer();
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private NotifierEnvironment env;
    private NotificationDispatcher dispatcher;
    private TestServer t;

    @BeforeEach
    void start() throws IOException {
        discord.start(InetAddress.getByName("127.0.0.1"), 0);
        env = NotifierEnvironment.builder().store(store)
                .settings(Map.of("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1/default-token").toString()))
                .build();
        dispatcher = NotificationDispatcher.builder(store).environment(env).build();
        t = new TestServer(store, b -> TestServer.standardCredentials(b.notifications(dispatcher).templates(env.templates())),
                a -> a.notifications(dispatcher::submit));
    }

    @AfterEach
    void stop() throws IOException {
        t.close();
        dispatcher.close();
        env.close();
        discord.shutdown();
    }

    private RecordedRequest received() throws InterruptedException {
        RecordedRequest r = discord.takeRequest(10, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the Discord stand-in").isNotNull();
        return r;
    }

    @Test
    void testNotificationUsesATemplateEditedOverHttp() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));
        discord.enqueue(new MockResponse().setResponseCode(204));
        assertThat(t.post("/api/v1/notifications/templates", "{\"id\":\"discord.test\",\"name\":\"Discord test\","
                + "\"template\":\"Vigil test via {channel} for {recipient}\"}").status()).isEqualTo(201);
        Reply sent = t.post("/api/v1/alerts/notifications/test", "{\"method\":\"discord\",\"recipient\":\"ops-room\"}", Who.OPS);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.data().get("status").asText()).as(sent.body()).isEqualTo("sent");
        RecordedRequest first = received();
        assertThat(first.getPath()).isEqualTo("/api/webhooks/1/default-token");
        assertThat(first.getBody().readUtf8()).contains("Vigil test via discord for ops-room");

        assertThat(t.delete("/api/v1/notifications/templates/discord.test").status()).isEqualTo(200);
        assertThat(t.post("/api/v1/alerts/notifications/test", "{\"method\":\"discord\",\"recipient\":\"ops-room\"}")
                .data().get("status").asText()).isEqualTo("sent");
        assertThat(received().getBody().readUtf8()).doesNotContain("Vigil test via");

        JsonNode history = t.get("/api/v1/alerts/notifications/history?method=discord").data();
        assertThat(history.get("pagination").get("total").asInt()).isEqualTo(2);
        assertThat(history.get("list").get(0).get("kind").asText()).isEqualTo("test");
        assertThat(history.toString()).doesNotContain("default-token");
    }

    @Test
    void channelTestSendsToTheChannelsOwnUrlAndReportsFailures() throws Exception {
        String url = discord.url("/api/webhooks/2/channel-token").toString();
        Reply created = t.post("/api/v1/notifications/channels", "{\"name\":\"Ops\",\"type\":\"discord\",\"config\":{\"url\":\""
                + url + "\"}}");
        String id = created.data().get("id").asText();
        discord.enqueue(new MockResponse().setResponseCode(204));
        Reply ok = t.post("/api/v1/notifications/channels/" + id + "/test", "");
        assertThat(ok.data().get("status").asText()).isEqualTo("sent");
        assertThat(received().getPath()).isEqualTo("/api/webhooks/2/channel-token");
        discord.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\":\"Unknown Webhook\"}"));
        Reply failed = t.post("/api/v1/notifications/channels/" + id + "/test", "");
        assertThat(failed.data().get("status").asText()).isEqualTo("failed");
        assertThat(failed.data().get("error").asText()).contains("404");
        assertThat(failed.body()).doesNotContain("channel-token");
        received();
        assertThat(t.post("/api/v1/alerts/notifications/test", "{\"method\":\"pigeon\",\"recipient\":\"x\"}").status()).isEqualTo(400);
    }

    @Test
    void firedAlertsAreDeliveredAndShowTheirNotifications() throws Exception {
        discord.enqueue(new MockResponse().setResponseCode(204));
        assertThat(t.post("/api/alerts/rules", "{\"name\":\"gpu_hot\",\"condition\":\"greater_than\",\"threshold\":{\"metric\":"
                + "\"gpu_temperature_celsius\",\"value\":85,\"duration_minutes\":0},\"severity\":\"critical\","
                + "\"channels\":[\"discord\"],\"cooldown_minutes\":30}").status()).isEqualTo(201);
        t.record("gpu_temperature_celsius", 92, Labels.of("host", "worker1", "gpu", "0"));
        assertThat(received().getBody().readUtf8()).contains("gpu_hot").contains("92");
        dispatcher.whenIdle().get(10, TimeUnit.SECONDS);
        JsonNode record = t.get("/api/v1/alerts/records/alert_001").data();
        assertThat(record.get("notifications")).hasSize(1);
        assertThat(record.get("notifications").get(0).get("method").asText()).isEqualTo("discord");
        assertThat(record.get("notifications").get(0).get("status").asText()).isEqualTo("sent");
        assertThat(t.get("/api/v1/alerts/notifications/history?alertId=alert_001").data().get("list")).hasSize(1);
        t.clock.advance(java.time.Duration.ofSeconds(1)); // statistics cover [first alert, now)
        assertThat(t.get("/api/alerts/statistics").json().get("alerts_by_channel").get("discord").asInt()).isEqualTo(1);
    }
}
