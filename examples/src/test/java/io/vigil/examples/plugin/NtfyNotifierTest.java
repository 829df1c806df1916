package io.vigil.examples.plugin;

import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.store.InMemoryAlertStore;
import io.vigil.alerting.testing.ManualClock;
import io.vigil.notifiers.NotificationDispatcher;
import io.vigil.notifiers.NotifierEnvironment;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example notifier plugin, found by {@code ServiceLoader} like any channel and driven through
 * the real dispatcher against a real HTTP server standing in for ntfy.
 */
class NtfyNotifierTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final MockWebServer ntfy = new MockWebServer();
    private NotifierEnvironment environment;
    private NotificationDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        ntfy.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
            environment.close();
        }
        ntfy.shutdown();
    }

    private NotificationDispatcher dispatcher(Map<String, String> settings) {
        environment = NotifierEnvironment.builder().clock(clock).settings(settings).store(store).build();
        dispatcher = NotificationDispatcher.builder(store).environment(environment).build();
        return dispatcher;
    }

    private static AlertMessage diskFull() {
        return diskFull("db-1");
    }

    private static AlertMessage diskFull(String host) {
        return new AlertMessage("alert_" + host, "rule_1", "disk_space_low", "Less than 10% free disk space", Severity.CRITICAL,
                "disk_free_percent", 4.0, "10", "disk_free_percent < 10", Labels.of("host", host, "mount", "/"),
                Instant.parse("2026-03-02T08:59:00Z"), null, null, 0, null, Map.of());
    }

    private NotificationRecord send(NotificationPolicy policy) throws Exception {
        String id = dispatcher.submit(NotificationRequest.firing(diskFull(), policy)).get(0).id();
        return dispatcher.outcome(id).get(10, TimeUnit.SECONDS);
    }

    @Test
    void isFoundThroughServiceLoaderAndPostsTheAlertToTheTopic() throws Exception {
        ntfy.enqueue(new MockResponse().setResponseCode(200));
        dispatcher(Map.of("NTFY_URL", ntfy.url("/vigil-alerts").toString(), "NTFY_TOKEN", "tk_123"));
        assertThat(dispatcher.channels()).contains("ntfy");

        NotificationRecord record = send(NotificationPolicy.to("ntfy"));

        assertThat(record.status()).isEqualTo(NotificationStatus.SENT);
        RecordedRequest post = ntfy.takeRequest(5, TimeUnit.SECONDS);
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getPath()).isEqualTo("/vigil-alerts");
        assertThat(post.getHeader("Title")).isEqualTo("[CRITICAL] disk_space_low");
        assertThat(post.getHeader("Priority")).isEqualTo("urgent");
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer tk_123");
        assertThat(post.getBody().readUtf8()).contains("Less than 10% free disk space")
                .contains("disk_free_percent < 10 (value 4.0)").contains("mount=\"/\"");
    }

    @Test
    void aRulesOwnTopicWins() throws Exception {
        ntfy.enqueue(new MockResponse().setResponseCode(200));
        dispatcher(Map.of("NTFY_URL", ntfy.url("/default").toString()));

        send(NotificationPolicy.builder().channel("ntfy", ChannelSettings.webhook(ntfy.url("/dba-team").toString())).build());

        assertThat(ntfy.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/dba-team");
    }

    @Test
    void aClientErrorIsPermanentAndAServerErrorIsRetried() throws Exception {
        ntfy.enqueue(new MockResponse().setResponseCode(403));
        ntfy.enqueue(new MockResponse().setResponseCode(503));
        dispatcher(Map.of("NTFY_URL", ntfy.url("/t").toString()));

        NotificationRecord refused = send(NotificationPolicy.to("ntfy"));
        assertThat(refused.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(refused.retryCount()).isZero();
        assertThat(refused.error()).contains("ntfy answered 403");

        // another host: the same alert twice within 15 minutes would be held back by the minimum interval
        String id = dispatcher.submit(NotificationRequest.firing(diskFull("db-2"), NotificationPolicy.to("ntfy"))).get(0).id();
        dispatcher.whenIdle().get(10, TimeUnit.SECONDS);
        NotificationRecord retrying = store.findNotification(id).orElseThrow();
        assertThat(retrying.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(retrying.error()).contains("ntfy answered 503");
        assertThat(retrying.nextAttemptAt()).isAfter(clock.instant());
    }

    @Test
    void withoutNtfyUrlTheChannelIsOff() {
        dispatcher(Map.of());

        assertThat(dispatcher.channels()).doesNotContain("ntfy").contains("inApp");
    }
}
