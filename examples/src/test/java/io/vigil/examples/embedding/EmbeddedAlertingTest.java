package io.vigil.examples.embedding;

import com.codahale.metrics.MetricRegistry;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.runtime.CollectorStatus;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.testing.ManualClock;
import jakarta.mail.internet.MimeMessage;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding example end to end: the service's slow requests go through its own Dropwizard
 * timer, the bridge, the rule written in code, and out as an email (GreenMail) and a Discord
 * message (MockWebServer), all on a manual clock.
 */
class EmbeddedAlertingTest {
    private static final Duration STEP = Duration.ofSeconds(10);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final MetricRegistry registry = new MetricRegistry();
    private final CheckoutService service = new CheckoutService(registry);
    private GreenMail mail;
    private MockWebServer discord;
    private EmbeddedAlerting vigil;

    @BeforeEach
    void start() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@shop.test", "alerts", "s3cret"));
        mail.start();
        discord = new MockWebServer();
        discord.start(InetAddress.getByName("127.0.0.1"), 0);
        for (int i = 0; i < 4; i++) {
            discord.enqueue(new MockResponse().setResponseCode(204));
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("SMTP_SERVER", "127.0.0.1");
        settings.put("SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        settings.put("SMTP_USERNAME", "alerts");
        settings.put("SMTP_PASSWORD", "s3cret");
        settings.put("SMTP_FROM", "alerts@shop.test");
        settings.put("SMTP_SECURITY", "none");
        settings.put("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/42/token").toString());
        vigil = EmbeddedAlerting.create(registry, settings, clock, "oncall@shop.test");
    }

    @AfterEach
    void stop() throws Exception {
        vigil.close();
        discord.shutdown();
        mail.stop();
    }

    @Test
    void slowCheckoutsPageByEmailAndDiscordAndTheRecoveryIsAnnounced() throws Exception {
        assertThat(vigil.alerting().rules().all()).extracting(r -> r.name())
                .containsExactlyInAnyOrder("checkout_slow", "checkout_errors", "db_pool_exhausted", "host_memory_high");
        service.connectionsOpen(12);
        for (int i = 0; i < 200; i++) {
            service.handled(Duration.ofMillis(120), false);
        }
        run(Duration.ofMinutes(1));
        assertThat(checkoutRecords()).isEmpty();

        // Checkouts slow down to 1.5 s; p95 > 800 ms must hold for 2 minutes.
        Instant slowFrom = clock.instant();
        for (int i = 0; i < 200; i++) {
            service.handled(Duration.ofMillis(1500), false);
        }
        run(Duration.ofMinutes(2).minus(STEP));
        assertThat(checkoutRecords()).isEmpty();
        run(STEP.multipliedBy(2));

        AlertRecord fired = checkoutRecords().get(0);
        assertThat(checkoutRecords()).hasSize(1);
        assertThat(fired.ruleName()).isEqualTo("checkout_slow");
        assertThat(fired.status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(fired.triggerValue()).isEqualTo(1500.0);
        assertThat(fired.triggeredAt()).isAfterOrEqualTo(slowFrom.plus(Duration.ofMinutes(2)));
        vigil.notifications().whenIdle().get(10, TimeUnit.SECONDS);

        List<MimeMessage> emails = checkoutEmails();
        assertThat(emails).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).contains("checkout_slow").contains("HIGH");
            assertThat(Arrays.toString(m.getAllRecipients())).contains("oncall@shop.test");
        });
        RecordedRequest post = discord.takeRequest(5, TimeUnit.SECONDS);
        assertThat(post.getPath()).isEqualTo("/api/webhooks/42/token");
        assertThat(post.getBody().readUtf8()).contains("checkout_slow").contains("\"allowed_mentions\"");

        // Back to 120 ms: the next collections see a low p95 and the alert resolves, by email and Discord.
        for (int i = 0; i < 200; i++) {
            service.handled(Duration.ofMillis(120), false);
        }
        run(STEP.multipliedBy(2));
        assertThat(vigil.alerting().records().require(fired.id()).status()).isEqualTo(AlertStatus.RESOLVED);
        vigil.notifications().whenIdle().get(10, TimeUnit.SECONDS);
        assertThat(checkoutEmails()).hasSize(2);
        assertThat(checkoutEmails().get(1).getSubject()).containsIgnoringCase("resolved");
        assertThat(discord.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8()).containsIgnoringCase("resolved");
    }

    @Test
    void aFailingShareOfCheckoutsIsCriticalAfterAMinute() throws Exception {
        for (int i = 0; i < 100; i++) {
            service.handled(Duration.ofMillis(100), i % 10 == 0);   // 10% fail
        }
        run(Duration.ofMinutes(1).plus(STEP));

        assertThat(checkoutRecords()).singleElement().satisfies(r -> {
            assertThat(r.ruleName()).isEqualTo("checkout_errors");
            assertThat(r.triggerValue()).isEqualTo(10.0);
        });
    }

    /** Moves time on in 10 s steps, letting each due collection finish and be evaluated, as the ticker would. */
    private void run(Duration span) {
        for (Duration t = Duration.ZERO; t.compareTo(span) < 0; t = t.plus(STEP)) {
            clock.advance(STEP);
            tickAndAwaitCollections(vigil.alerting());
        }
    }

    private void tickAndAwaitCollections(Alerting alerting) {
        Map<String, Long> runsBefore = new HashMap<>();
        alerting.collectors().forEach(s -> runsBefore.put(s.name(), s.runs()));
        alerting.tick();                                            // starts the due collections
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!collectionsDone(alerting.collectors(), runsBefore) && System.nanoTime() < deadline) {
            Thread.onSpinWait();                                    // the collector pool's threads, not a timer
        }
        alerting.tick();                                            // evaluates what they collected
    }

    private boolean collectionsDone(List<CollectorStatus> now, Map<String, Long> runsBefore) {
        Instant t = clock.instant();
        return now.stream().filter(s -> s.runs() > runsBefore.getOrDefault(s.name(), 0L))
                .allMatch(s -> t.equals(s.lastSuccessAt()) || t.equals(s.lastFailureAt()));
    }

    private List<AlertRecord> checkoutRecords() {
        // host_memory_high depends on the build machine; these tests are about the service's rules
        return vigil.alerting().records().all(RecordQuery.all()).stream()
                .filter(r -> r.ruleName().startsWith("checkout")).toList();
    }

    private List<MimeMessage> checkoutEmails() throws Exception {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject().contains("checkout")) {
                out.add(m);
            }
        }
        return out;
    }
}
