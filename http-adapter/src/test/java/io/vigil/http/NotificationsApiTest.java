package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's notification config, test and history; seed 002's channels; seed 001's templates. */
class NotificationsApiTest {
    /**
     * Stands in for the notifiers' dispatcher (not in this build yet): writes the test notification's
     * record to the store, sent or failed, as the dispatcher does.
     */
    static final class RecordingGateway implements NotificationGateway {
        final List<String> calls = new ArrayList<>();
        final List<ChannelSettings> settings = new ArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();
        AlertStore store;
        Clock clock;
        volatile boolean never;

        @Override
        public Set<String> channels() {
            return Set.of("email", "webhook", "discord");
        }

        @Override
        public CompletableFuture<NotificationRecord> test(String channel, String recipient, ChannelSettings s) {
            calls.add(channel + "->" + recipient);
            settings.add(s);
            if (never) {
                return new CompletableFuture<>();
            }
            NotificationRecord pending = NotificationRecord.pending("ntf_" + ids.incrementAndGet(), null, null,
                    NotificationKind.TEST, channel, recipient, "Test", "This is a test", clock.instant());
            NotificationRecord stored = store.createNotification(pending);
            NotificationRecord done = recipient.contains("bad") ? stored.failed("550 mailbox unavailable")
                    : stored.sent(clock.instant());
            return CompletableFuture.completedFuture(store.updateNotification(done));
        }
    }

    private final RecordingGateway gateway = new RecordingGateway();
    private final TestServer t = new TestServer(b -> TestServer.standardCredentials(b.notificationGateway(gateway)
            .notificationTestTimeout(java.time.Duration.ofMillis(200))));

    {
        gateway.store = t.store;
        gateway.clock = t.clock;
    }

    @AfterEach
    void stop() {
        t.close();
    }

    static final String CONFIG = """
            {
              "email": {"enabled": true, "smtp": {"host": "smtp.company.com", "port": 587, "secure": true,
                        "auth": {"user": "alerts", "pass": "smtp-password-1"}},
                        "from": "alerts@company.com", "fromName": "VM监控系统"},
              "sms": {"enabled": false, "provider": "http", "apiKey": "sms-key-1"},
              "defaultTemplates": {"email": "alert_email_template", "sms": "alert_sms_template", "webhook": "alert_webhook_template"},
              "globalPolicy": {"maxRetry": 3, "retryInterval": 60, "quietHours": {"enabled": true, "start": "23:00", "end": "07:00"}}
            }""";

    @Test
    void configRoundTripsWithSecretsRedactedAndKept() {
        JsonNode empty = t.get("/api/v1/alerts/notifications/config", Who.SECURITY).data();
        assertThat(empty.get("email").isNull()).isTrue();
        assertThat(empty.get("globalPolicy").get("minInterval").asInt()).isEqualTo(900);
        Reply put = t.put("/api/v1/alerts/notifications/config", CONFIG, Who.OPS);
        assertThat(put.status()).isEqualTo(200);
        Reply got = t.get("/api/v1/alerts/notifications/config");
        assertThat(got.body()).doesNotContain("smtp-password-1").doesNotContain("sms-key-1");
        JsonNode d = got.data();
        assertThat(d.get("email").get("smtp").get("host").asText()).isEqualTo("smtp.company.com");
        assertThat(d.get("email").get("smtp").get("secure").asBoolean()).isTrue();
        assertThat(d.get("email").get("smtp").get("security").asText()).isEqualTo("starttls");
        assertThat(d.get("email").get("smtp").get("auth").get("pass").asText()).isEqualTo(Secret.REDACTED);
        assertThat(d.get("email").get("fromName").asText()).isEqualTo("VM监控系统");
        assertThat(d.get("defaultTemplates").get("webhook").asText()).isEqualTo("alert_webhook_template");
        assertThat(d.get("globalPolicy").get("quietHours").get("start").asText()).isEqualTo("23:00");
        NotificationConfig stored = t.store.notificationConfig().orElseThrow();
        assertThat(stored.email().password().reveal()).isEqualTo("smtp-password-1");
        assertThat(stored.policy().quietHours().enabled()).isTrue();

        // sending back what GET showed keeps the secrets; a section left out stays as it was
        String echoed = "{\"email\":" + d.get("email").toString().replace("587", "465") + "}";
        assertThat(t.put("/api/v1/alerts/notifications/config", echoed).status()).isEqualTo(200);
        NotificationConfig after = t.store.notificationConfig().orElseThrow();
        assertThat(after.email().password().reveal()).isEqualTo("smtp-password-1");
        assertThat(after.email().port()).isEqualTo(465);
        assertThat(after.sms().apiKey().reveal()).isEqualTo("sms-key-1");
        assertThat(after.defaultTemplates()).containsEntry("email", "alert_email_template");
    }

    @Test
    void badConfigIs400AndChangesNothing() {
        t.put("/api/v1/alerts/notifications/config", CONFIG);
        NotificationConfig before = t.store.notificationConfig().orElseThrow();
        assertThat(t.put("/api/v1/alerts/notifications/config", "{\"email\":{\"smtp\":{\"port\":70000}}}").status()).isEqualTo(400);
        assertThat(t.put("/api/v1/alerts/notifications/config",
                "{\"globalPolicy\":{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\"}}}").status()).isEqualTo(400);
        assertThat(t.put("/api/v1/alerts/notifications/config", "{\"emial\":{}}").status()).isEqualTo(400);
        assertThat(t.put("/api/v1/alerts/notifications/config", "{\"email\":{\"enabled\":true}}").json().get("errors")
                .toString()).contains("email.smtp.host");
        assertThat(t.put("/api/v1/alerts/notifications/config", CONFIG, Who.SECURITY).status()).isEqualTo(403);
        assertThat(t.store.notificationConfig().orElseThrow()).isEqualTo(before);
    }

    @Test
    void testNotificationReportsTheOutcomeAndLandsInHistory() {
        Reply sent = t.post("/api/v1/alerts/notifications/test", "{\"method\":\"email\",\"recipient\":\"test@company.com\"}", Who.OPS);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.data().get("status").asText()).isEqualTo("sent");
        assertThat(sent.data().get("sentAt").asText()).isEqualTo(TestServer.START.toString());
        Reply failed = t.post("/api/v1/alerts/notifications/test", "{\"method\":\"email\",\"recipient\":\"bad@company.com\"}");
        assertThat(failed.data().get("status").asText()).isEqualTo("failed");
        assertThat(failed.data().get("error").asText()).contains("550");
        Reply unknown = t.post("/api/v1/alerts/notifications/test", "{\"method\":\"pigeon\",\"recipient\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("code").asText()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(t.post("/api/v1/alerts/notifications/test", "{\"method\":\"email\"}").status()).isEqualTo(400);
        gateway.never = true;
        assertThat(t.post("/api/v1/alerts/notifications/test", "{\"method\":\"email\",\"recipient\":\"slow@x\"}").data()
                .get("status").asText()).isEqualTo("pending");

        Reply history = t.get("/api/v1/alerts/notifications/history?method=email&pageSize=10");
        JsonNode list = history.data().get("list");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("kind").asText()).isEqualTo("test");
        assertThat(history.data().get("pagination").get("total").asInt()).isEqualTo(2);
        assertThat(t.get("/api/v1/alerts/notifications/history?status=failed").data().get("list")).hasSize(1);
        assertThat(t.get("/api/v1/notifications/history?status=sent", Who.SECURITY).data().get("list")).hasSize(1);
        assertThat(t.get("/api/v1/notifications/history?status=lost").status()).isEqualTo(400);
    }

    @Test
    void withoutAGatewayTestsSayNothingCanBeSent() {
        try (TestServer bare = TestServer.standard()) {
            Reply r = bare.post("/api/v1/alerts/notifications/test", "{\"method\":\"email\",\"recipient\":\"a@b\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).contains("no notifier is configured");
        }
    }

    @Test
    void channelsCrudTestAndToggleWithoutShowingSecrets() {
        Reply created = t.post("/api/v1/notifications/channels", "{\"name\":\"Ops Discord\",\"type\":\"discord\","
                + "\"config\":{\"url\":\"https://discord.com/api/webhooks/123/token-abc\"}}", Who.OPS);
        assertThat(created.status()).isEqualTo(201);
        String id = created.data().get("id").asText();
        assertThat(created.body()).doesNotContain("token-abc");
        assertThat(created.data().get("config").get("url").asText()).isEqualTo("https://discord.com/******");
        Reply hook = t.post("/api/v1/notifications/channels", "{\"name\":\"Signed hook\",\"type\":\"webhook\",\"config\":{"
                + "\"url\":\"https://hooks.example.com/in\",\"method\":\"PUT\",\"secret\":\"hmac-secret-1\","
                + "\"headers\":{\"Authorization\":\"Bearer abc\",\"X-Team\":\"ops\"}}}");
        assertThat(hook.status()).isEqualTo(201);
        String hookId = hook.data().get("id").asText();
        JsonNode hc = hook.data().get("config");
        assertThat(hc.get("secret").asText()).isEqualTo(Secret.REDACTED);
        assertThat(hc.get("headers").get("Authorization").asText()).isEqualTo(Secret.REDACTED);
        assertThat(hc.get("headers").get("X-Team").asText()).isEqualTo("ops");
        assertThat(hc.get("url").asText()).isEqualTo("https://hooks.example.com/in");

        JsonNode list = t.get("/api/v1/notifications/channels", Who.SECURITY).data();
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("list").get(0).get("name").asText()).isEqualTo("Ops Discord");
        assertThat(list.toString()).doesNotContain("hmac-secret-1").doesNotContain("Bearer abc").doesNotContain("token-abc");

        // echoing the redacted config back keeps the secrets; a rename changes only the name
        String echo = "{\"name\":\"Signed hook 2\",\"config\":" + hc.toString() + "}";
        assertThat(t.put("/api/v1/notifications/channels/" + hookId, echo).status()).isEqualTo(200);
        NotificationChannel stored = findChannel(hookId);
        assertThat(stored.name()).isEqualTo("Signed hook 2");
        assertThat(stored.settings().secret().reveal()).isEqualTo("hmac-secret-1");
        assertThat(stored.settings().headers()).containsEntry("Authorization", "Bearer abc");
        assertThat(stored.settings().httpMethod()).isEqualTo("PUT");
        String discordEcho = "{\"config\":" + created.data().get("config").toString() + "}";
        t.put("/api/v1/notifications/channels/" + id, discordEcho);
        assertThat(findChannel(id).settings().url()).isEqualTo("https://discord.com/api/webhooks/123/token-abc");

        Reply toggled = t.post("/api/v1/notifications/channels/" + id + "/toggle", "");
        assertThat(toggled.data().get("enabled").asBoolean()).isFalse();
        assertThat(t.post("/api/v1/notifications/channels/" + id + "/toggle", "{\"enabled\":true}").data().get("enabled")
                .asBoolean()).isTrue();

        Reply tested = t.post("/api/v1/notifications/channels/" + hookId + "/test", "{\"recipient\":\"ops-room\"}");
        assertThat(tested.data().get("status").asText()).isEqualTo("sent");
        assertThat(gateway.calls).containsExactly("webhook->ops-room");
        assertThat(gateway.settings.get(0).secret().reveal()).isEqualTo("hmac-secret-1");

        assertThat(t.post("/api/v1/notifications/channels", "{\"name\":\"\",\"type\":\"bad type!\"}").status()).isEqualTo(400);
        assertThat(t.post("/api/v1/notifications/channels", "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"ftp://x\"}}")
                .status()).isEqualTo(400);
        assertThat(t.delete("/api/v1/notifications/channels/" + id).status()).isEqualTo(200);
        assertThat(t.get("/api/v1/notifications/channels/" + id).status()).isEqualTo(404);
        assertThat(t.post("/api/v1/notifications/channels/" + id + "/toggle", "").status()).isEqualTo(404);
        assertThat(t.delete("/api/v1/notifications/channels/" + id, Who.SECURITY).status()).isEqualTo(403);
    }

    private NotificationChannel findChannel(String id) {
        return channelStore().find(id).orElseThrow();
    }

    private ChannelStore channelStore() {
        return t.serverOptions().channelStore();
    }

    @Test
    void templatesWithVariables() {
        Reply created = t.post("/api/v1/notifications/templates", "{\"id\":\"posco_news_alert\",\"name\":\"POSCO 뉴스 알림\","
                + "\"description\":\"POSCO 뉴스 업데이트 알림 템플릿\",\"webhook_type\":\"discord\","
                + "\"template\":\"🏢 **POSCO 뉴스 업데이트**\\n\\n📰 **제목**: {title} {{literal}\","
                + "\"variables\":[\"title\",\"url\",\"timestamp\"]}", Who.OPS);
        assertThat(created.status()).isEqualTo(201);
        JsonNode d = created.data();
        assertThat(d.get("channel").asText()).isEqualTo("discord");
        assertThat(d.get("variables")).hasSize(3);
        assertThat(t.post("/api/v1/notifications/templates", "{\"id\":\"posco_news_alert\",\"name\":\"x\",\"template\":\"y\"}")
                .status()).isEqualTo(409);
        Reply undeclared = t.post("/api/v1/notifications/templates", "{\"name\":\"n\",\"template\":\"{rule} at {value}\","
                + "\"variables\":[\"rule\"]}");
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.json().get("errors").get(0).get("message").asText()).contains("{value}");
        Reply derived = t.post("/api/v1/notifications/templates", "{\"name\":\"n\",\"title\":\"{severity}\",\"template\":\"{rule} at {value}\"}");
        assertThat(derived.data().get("variables").toString()).isEqualTo("[\"severity\",\"rule\",\"value\"]");
        assertThat(derived.data().get("id").asText()).startsWith("tpl_");

        Reply rendered = t.post("/api/v1/notifications/templates/posco_news_alert/render", "{\"variables\":{\"title\":\"뉴스 제목\"}}",
                Who.SECURITY);
        assertThat(rendered.data().get("body").asText()).isEqualTo("🏢 **POSCO 뉴스 업데이트**\n\n📰 **제목**: 뉴스 제목 {literal}");
        assertThat(rendered.data().get("missing").toString()).isEqualTo("[\"url\",\"timestamp\"]");

        Reply updated = t.put("/api/v1/notifications/templates/posco_news_alert", "{\"template\":\"{title}: {url}\"}");
        assertThat(updated.data().get("template").asText()).isEqualTo("{title}: {url}");
        assertThat(updated.data().get("name").asText()).isEqualTo("POSCO 뉴스 알림");
        assertThat(t.put("/api/v1/notifications/templates/posco_news_alert", "{\"id\":\"other\"}").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/notifications/templates").data().get("total").asInt()).isEqualTo(2);
        assertThat(t.delete("/api/v1/notifications/templates/posco_news_alert").status()).isEqualTo(200);
        assertThat(t.get("/api/v1/notifications/templates/posco_news_alert").status()).isEqualTo(404);
        assertThat(t.post("/api/v1/notifications/templates", "{\"name\":\"n\",\"template\":\"\"}").status()).isEqualTo(400);
        assertThat(t.post("/api/v1/notifications/templates", "{\"id\":\"bad id\",\"name\":\"n\",\"template\":\"x\"}").status())
                .isEqualTo(400);
    }
}
