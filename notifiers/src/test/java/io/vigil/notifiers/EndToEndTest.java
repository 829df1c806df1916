package io.vigil.notifiers;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.spi.NotificationRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.store.InMemoryAlertStore;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher with the real channels against real peers: GreenMail and MockWebServer on 127.0.0.1. */
class EndToEndTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T12:30:00Z");
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private NotificationDispatcher dispatcher(Map<String, String> settings, int maxRetry) {
        NotificationConfig config = new NotificationConfig(null, null, Map.of(), new DeliveryPolicy(maxRetry,
                Duration.ofSeconds(10), Duration.ofHours(1), Duration.ZERO, null));
        NotifierEnvironment env = TestContext.env(clock, settings, config, store);
        toClose.add(env);
        NotificationDispatcher d = NotificationDispatcher.builder(store).environment(env).config(config)
                .random(() -> 0L).ids(() -> "e" + ids.incrementAndGet()).build();
        toClose.add(d);
        return d;
    }

    private GreenMail greenMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@vigil.test", "alerts", "s3cret"));
        mail.start();
        toClose.add(mail::stop);
        return mail;
    }

    private static Map<String, String> smtp(int port, String password) {
        Map<String, String> s = new HashMap<>();
        s.put("SMTP_SERVER", "127.0.0.1");
        s.put("SMTP_PORT", Integer.toString(port));
        s.put("SMTP_USERNAME", "alerts");
        s.put("SMTP_PASSWORD", password);
        s.put("SMTP_FROM", "alerts@vigil.test");
        s.put("SMTP_SECURITY", "none");
        s.put("SMTP_CONNECT_TIMEOUT", "2s");
        s.put("SMTP_TIMEOUT", "2s");
        return s;
    }

    private void pumpUntilSettled(NotificationDispatcher d, String id) throws Exception {
        for (int i = 0; i < 20 && store.findNotification(id).orElseThrow().status() == NotificationStatus.PENDING; i++) {
            d.whenIdle().get(10, TimeUnit.SECONDS);
            NotificationRecord r = store.findNotification(id).orElseThrow();
            if (r.status() == NotificationStatus.PENDING && r.nextAttemptAt().isAfter(clock.instant())) {
                clock.set(r.nextAttemptAt());
            }
            d.pump().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void emailIsDeliveredThroughTheWholePipeline() throws Exception {
        GreenMail mail = greenMail();
        NotificationDispatcher d = dispatcher(smtp(mail.getSmtp().getPort(), "s3cret"), 3);

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(),
                NotificationPolicy.builder().channel("email", ChannelSettings.to("ops@example.com")).build())).get(0).id();

        assertThat(d.outcome(id).get(10, TimeUnit.SECONDS).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getHeader("X-Vigil-Delivery")).containsExactly(id);
    }

    @Test
    void refusedCredentialsEndFailedWithoutRetrying() throws Exception {
        GreenMail mail = greenMail();
        NotificationDispatcher d = dispatcher(smtp(mail.getSmtp().getPort(), "wrong"), 3);

        NotificationRecord r = d.test("email", "ops@example.com").get(10, TimeUnit.SECONDS);
        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(),
                NotificationPolicy.builder().channel("email", ChannelSettings.to("ops@example.com")).build())).get(0).id();
        NotificationRecord failed = d.outcome(id).get(10, TimeUnit.SECONDS);

        assertThat(r.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.retryCount()).isZero();
        assertThat(failed.error()).startsWith("SMTP authentication failed").doesNotContain("wrong");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailServerThatStaysDownEndsFailedAfterTheRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        NotificationDispatcher d = dispatcher(smtp(port, "s3cret"), 2);

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(),
                NotificationPolicy.builder().channel("email", ChannelSettings.to("ops@example.com")).build())).get(0).id();
        pumpUntilSettled(d, id);

        NotificationRecord failed = store.findNotification(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.retryCount()).isEqualTo(2);
        assertThat(failed.error()).startsWith("gave up after 2 retries; last error: cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void discordRateLimitDelaysTheRetryAsAskedAndTheRetrySucceeds() throws Exception {
        MockWebServer discord = new MockWebServer();
        discord.start(InetAddress.getByName("127.0.0.1"), 0);
        toClose.add(discord::shutdown);
        discord.enqueue(new MockResponse().setResponseCode(429).setBody("{\"retry_after\": 42.5, \"global\": false}"));
        discord.enqueue(new MockResponse().setResponseCode(204));
        NotificationDispatcher d = dispatcher(Map.of("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1/t").toString()), 3);

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), NotificationPolicy.to("discord"))).get(0).id();
        d.whenIdle().get(10, TimeUnit.SECONDS);

        NotificationRecord waiting = store.findNotification(id).orElseThrow();
        assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusMillis(42_500));
        clock.advance(Duration.ofSeconds(42));
        d.pump().get(10, TimeUnit.SECONDS);
        assertThat(discord.getRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        d.pump().get(10, TimeUnit.SECONDS);

        assertThat(store.findNotification(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(discord.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aWebhookRetryCarriesTheSameDeliveryIdAndAFreshSignature() throws Exception {
        MockWebServer receiver = new MockWebServer();
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        toClose.add(receiver::shutdown);
        receiver.enqueue(new MockResponse().setResponseCode(500));
        receiver.enqueue(new MockResponse().setResponseCode(200));
        NotificationDispatcher d = dispatcher(Map.of(), 3);
        ChannelSettings hook = ChannelSettings.webhook(receiver.url("/hook").toString()).withSecret(Secret.of("k"));

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(),
                NotificationPolicy.builder().channel("webhook", hook).build())).get(0).id();
        pumpUntilSettled(d, id);

        RecordedRequest first = receiver.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.getHeader("X-Vigil-Delivery")).isEqualTo(id).isEqualTo(second.getHeader("X-Vigil-Delivery"));
        assertThat(Long.parseLong(second.getHeader("X-Vigil-Timestamp")) - Long.parseLong(first.getHeader("X-Vigil-Timestamp")))
                .isEqualTo(10);
        assertThat(second.getHeader("X-Vigil-Signature")).isNotEqualTo(first.getHeader("X-Vigil-Signature"));
        assertThat(store.findNotification(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void inAppMessagesLandInTheStoresInbox() throws Exception {
        NotificationDispatcher d = dispatcher(Map.of(), 3);

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), NotificationPolicy.to("inApp"))).get(0).id();

        assertThat(d.outcome(id).get(10, TimeUnit.SECONDS).status()).isEqualTo(NotificationStatus.SENT);
        List<InboxMessage> inbox = store.inbox("usr_001", true, true, PageRequest.first()).items();
        assertThat(inbox).extracting(InboxMessage::id).containsExactly(id);
    }

    @Test
    void anUnreachableWebhookFallsBackToEmail() throws Exception {
        GreenMail mail = greenMail();
        MockWebServer receiver = new MockWebServer();
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        toClose.add(receiver::shutdown);
        receiver.enqueue(new MockResponse().setResponseCode(410).setBody("gone"));
        NotificationDispatcher d = dispatcher(smtp(mail.getSmtp().getPort(), "s3cret"), 3);
        NotificationPolicy policy = NotificationPolicy.builder()
                .channel("webhook", ChannelSettings.webhook(receiver.url("/gone").toString()))
                .settings("email", ChannelSettings.to("oncall@example.com"))
                .fallbackChannel("email").build();

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), policy)).get(0).id();
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(store.findNotification(id).orElseThrow().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
    }
}
