package io.vigil.notifiers.http;

import io.vigil.alerting.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.vigil.alerting.api.ValidationError;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.AlertingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.DeliveryResult.Outcome;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.Fixtures;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.TestContext;
import io.vigil.notifiers.template.MessageTemplate;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer receiver = Peers.server();
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");
    private final NotifierEnvironment env = TestContext.env(clock, Map.of());
    private final Notifier notifier = new WebhookNotifierProvider().create(env).orElseThrow();

    @AfterEach
    void stop() throws Exception {
        notifier.close();
        env.close();
        receiver.shutdown();
    }

    private ChannelSettings settings(String method, Map<String, String> headers, Secret secret, String template) {
        return new ChannelSettings(true, List.of(), List.of(), template, null, receiver.url("/hooks/alerts?token=abc").toString(),
                method, headers, secret);
    }

    @Test
    void postsTheAlertDocumentWithCustomAndDeliveryHeaders() throws Exception {
        receiver.enqueue(new MockResponse().setResponseCode(200));

        DeliveryResult result = notifier.send(Fixtures.firing("webhook", "",
                settings("POST", Map.of("Authorization", "Bearer t0k", "X-Team", "ops"), null, null)));

        assertThat(result.isDelivered()).isTrue();
        RecordedRequest r = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getPath()).isEqualTo("/hooks/alerts?token=abc");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer t0k");
        assertThat(r.getHeader("X-Team")).isEqualTo("ops");
        assertThat(r.getHeader("X-Vigil-Delivery")).isEqualTo("n-1");
        assertThat(r.getHeader("X-Vigil-Event")).isEqualTo("firing");
        assertThat(r.getHeader("X-Vigil-Signature")).isNull();
        assertThat(JSON.readTree(r.getBody().readUtf8())).isEqualTo(JSON.readTree("""
                {"id": "n-1", "kind": "firing", "createdAt": "2026-02-03T12:30:00Z",
                 "title": "[HIGH] CPU high is firing",
                 "message": "CPU high fired at 2026-02-03T12:30:00Z.\\nCPU above 80% for 5 minutes\\n\\nMetric: cpu.usagePercent = 85.5\\nCondition: cpu.usagePercent >= 80 (threshold 80)\\nLabels: env=prod, host=web-1\\nAlert: alert_001\\nLink: https://vigil.example/alerts/alert_001",
                 "alert": {"recordId": "alert_001", "ruleId": "rule_001", "ruleName": "CPU high",
                           "description": "CPU above 80% for 5 minutes", "severity": "high",
                           "metric": "cpu.usagePercent", "value": 85.5, "threshold": "80",
                           "condition": "cpu.usagePercent >= 80", "labels": {"env": "prod", "host": "web-1"},
                           "triggeredAt": "2026-02-03T12:30:00Z", "resolvedAt": null, "resolveValue": null,
                           "durationSeconds": null, "escalationLevel": 0,
                           "link": "https://vigil.example/alerts/alert_001", "extra": {}}}
                """));
    }

    @Test
    void signsTimestampDotBodyVerifiablyByAnIndependentImplementation() throws Exception {
        receiver.enqueue(new MockResponse().setResponseCode(204));

        notifier.send(Fixtures.notification("webhook", "", settings("PUT", Map.of(), Secret.of("whsec_42"), null),
                NotificationKind.RESOLVED, Fixtures.cpuResolved()));

        RecordedRequest r = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("PUT");
        byte[] body = r.getBody().readByteArray();
        String timestamp = r.getHeader("X-Vigil-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        // The receiver's side, written from the README's description with the JDK only.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_42".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder("sha256=");
        for (byte b : mac.doFinal(body)) {
            hex.append(String.format("%02x", b));
        }
        assertThat(r.getHeader("X-Vigil-Signature")).isEqualTo(hex.toString());
        assertThat(JSON.readTree(body).path("alert").path("durationSeconds").asLong()).isEqualTo(5400);
    }

    @Test
    void aHeaderWithALineBreakCannotEvenBeConfigured() {
        // The model refuses it, so no rule can carry a header injection to this notifier.
        assertThatThrownBy(() -> settings("POST", Map.of("X-Host", "web-1\r\nX-Injected: yes"), null, null))
                .isInstanceOfSatisfying(AlertingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.errors()).extracting(ValidationError::path).containsExactly("headers.X-Host");
                });
        assertThat(receiver.getRequestCount()).isZero();
    }

    @Test
    void rulesCannotOverrideTheSignatureOrDeliveryHeaders() throws Exception {
        receiver.enqueue(new MockResponse().setResponseCode(200));

        notifier.send(Fixtures.firing("webhook", "", settings("POST",
                Map.of("X-Vigil-Delivery", "forged", "X-Vigil-Signature", "sha256=00", "Content-Length", "1"),
                Secret.of("k"), null)));

        RecordedRequest r = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getHeader("X-Vigil-Delivery")).isEqualTo("n-1");
        assertThat(r.getHeader("X-Vigil-Signature")).isNotEqualTo("sha256=00").startsWith("sha256=");
    }

    @Test
    void aNamedTemplateIsTheBodyWithJsonEscapedValues() throws Exception {
        env.templates().register(MessageTemplate.of("teams", "{\"text\": \"{rule} on {labels.host}: {description}\"}"));
        receiver.enqueue(new MockResponse().setResponseCode(200));

        notifier.send(Fixtures.notification("webhook", "", settings("POST", Map.of(), null, "teams"),
                NotificationKind.FIRING, Fixtures.named("quote \" and \\ and\nnewline", io.vigil.alerting.api.Labels.of("host", "h"))));

        assertThat(JSON.readTree(receiver.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8()).path("text").asText())
                .isEqualTo("quote \" and \\ and\nnewline on h: CPU above 80% for 5 minutes");
    }

    @Test
    void theSecretAndTheUrlsQueryNeverShowInResults() {
        receiver.enqueue(new MockResponse().setResponseCode(401).setBody("bad signature"));
        Notification n = Fixtures.firing("webhook", "", settings("POST", Map.of(), Secret.of("whsec_42"), null));

        DeliveryResult result = notifier.send(n);

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.detail()).contains("HTTP 401").doesNotContain("whsec_42", "token=abc", "/hooks");
        assertThat(n.settings().toString()).doesNotContain("whsec_42");
    }

    @Test
    void refusedConnectionAndServerErrorAreRetryable() {
        receiver.enqueue(new MockResponse().setResponseCode(500));

        DeliveryResult serverError = notifier.send(Fixtures.firing("webhook", "", settings("POST", Map.of(), null, null)));
        DeliveryResult refused = notifier.send(Fixtures.firing("webhook", "",
                ChannelSettings.webhook("http://127.0.0.1:" + Peers.closedPort() + "/x")));

        assertThat(serverError.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(refused.outcome()).isEqualTo(Outcome.RETRYABLE);
    }
}
