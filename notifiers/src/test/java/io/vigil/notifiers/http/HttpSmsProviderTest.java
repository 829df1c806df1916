package io.vigil.notifiers.http;

import io.vigil.alerting.testing.ManualClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.DeliveryResult.Outcome;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.Fixtures;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.TestContext;
import io.vigil.notifiers.sms.SmsNotifierProvider;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSmsProviderTest {
    private final MockWebServer gateway = Peers.server();
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");

    @AfterEach
    void stop() throws Exception {
        gateway.shutdown();
    }

    private NotifierEnvironment env(Map<String, String> settings) {
        return TestContext.env(clock, settings);
    }

    @Test
    void fillsTheUrlTemplateEncodedAndSendsTheKeyInAHeader() throws Exception {
        gateway.enqueue(new MockResponse().setResponseCode(200));
        String template = gateway.url("/send").toString() + "?to={to}&text={message}&from={from}";
        try (NotifierEnvironment env = env(Map.of("SMS_PROVIDER", "http", "SMS_URL_TEMPLATE", template,
                "SMS_API_KEY", "key-123", "SMS_SENDER", "Vigil Ops"));
             Notifier sms = new SmsNotifierProvider().create(env).orElseThrow()) {

            DeliveryResult result = sms.send(Fixtures.firing("sms", "+86 138-0000-0000", ChannelSettings.defaults()));

            assertThat(result.isDelivered()).isTrue();
            RecordedRequest r = gateway.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r.getMethod()).isEqualTo("GET");
            assertThat(r.getHeader("X-Api-Key")).isEqualTo("key-123");
            assertThat(r.getPath()).doesNotContain("key-123")
                    .startsWith("/send?to=%2B86%20138-0000-0000&text=%5BHIGH%5D%20CPU%20high%20firing%3A%20cpu.usagePercent%3D85.5")
                    .endsWith("&from=Vigil%20Ops");
            assertThat(r.getRequestUrl().queryParameter("text"))
                    .isEqualTo("[HIGH] CPU high firing: cpu.usagePercent=85.5 (cpu.usagePercent >= 80) env=prod, host=web-1");
        }
    }

    @Test
    void postSendsJsonAndHonoursTheConfiguredHeaderAndLength() throws Exception {
        gateway.enqueue(new MockResponse().setResponseCode(202));
        NotificationConfig config = new NotificationConfig(null, new NotificationConfig.Sms(true, "http",
                Secret.of("Bearer abc"), null, "VIGIL", gateway.url("/api/sms").toString()), Map.of(), null);
        try (NotifierEnvironment env = TestContext.env(clock, Map.of("SMS_METHOD", "post",
                "SMS_API_KEY_HEADER", "Authorization", "SMS_MAX_LENGTH", "20"), config, null);
             Notifier sms = new SmsNotifierProvider().create(env).orElseThrow()) {

            assertThat(sms.send(Fixtures.firing("sms", "+15550001111", ChannelSettings.defaults())).isDelivered()).isTrue();

            RecordedRequest r = gateway.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer abc");
            var body = new ObjectMapper().readTree(r.getBody().readUtf8());
            assertThat(body.path("to").asText()).isEqualTo("+15550001111");
            assertThat(body.path("from").asText()).isEqualTo("VIGIL");
            assertThat(body.path("message").asText()).hasSize(20).endsWith("…");
        }
    }

    @Test
    void badNumbersArePermanentAndGatewayErrorsClassified() {
        gateway.enqueue(new MockResponse().setResponseCode(503));
        gateway.enqueue(new MockResponse().setResponseCode(400).setBody("invalid number"));
        try (NotifierEnvironment env = env(Map.of("SMS_PROVIDER", "http",
                "SMS_URL_TEMPLATE", gateway.url("/s").toString() + "?to={to}&m={message}", "SMS_API_KEY", "key-123"));
             Notifier sms = new SmsNotifierProvider().create(env).orElseThrow()) {

            DeliveryResult notANumber = sms.send(Fixtures.firing("sms", "ops@example.com", ChannelSettings.defaults()));
            DeliveryResult none = sms.send(Fixtures.firing("sms", "", ChannelSettings.defaults()));
            DeliveryResult unavailable = sms.send(Fixtures.firing("sms", "+15550001111", ChannelSettings.defaults()));
            DeliveryResult refused = sms.send(Fixtures.firing("sms", "+15550001111", ChannelSettings.defaults()));

            assertThat(notANumber.outcome()).isEqualTo(Outcome.PERMANENT);
            assertThat(none.outcome()).isEqualTo(Outcome.PERMANENT);
            assertThat(unavailable.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(refused.outcome()).isEqualTo(Outcome.PERMANENT);
            assertThat(refused.detail()).contains("HTTP 400").doesNotContain("key-123", "15550001111");
        }
    }

    @Test
    void notConfiguredMeansNoChannelAndAnUnknownProviderIsAStartUpError() {
        try (NotifierEnvironment env = env(Map.of())) {
            assertThat(new SmsNotifierProvider().create(env)).isEmpty();
        }
        try (NotifierEnvironment env = env(Map.of("SMS_PROVIDER", "twilio"))) {
            assertThatThrownBy(() -> new SmsNotifierProvider().create(env))
                    .hasMessageContaining("no SMS provider named 'twilio'").hasMessageContaining("http");
        }
    }
}
