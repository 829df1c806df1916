package io.vigil.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.testing.ManualClock;
import io.vigil.examples.server.config.ConfigLoader;
import io.vigil.examples.server.config.ServerConfig;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk-through of the README against the server started in-process: seed 000's CPU rule is
 * created over HTTP, a sample above the threshold is pushed to the ingest endpoint before and
 * after five minutes of (manual) time, the alert appears and is acknowledged.
 */
class ServerApiTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();
    private VigilServer server;
    private String base;
    private String key;

    @BeforeEach
    void start() throws IOException {
        ServerConfig config = ConfigLoader.load(null, Map.of(
                "VIGIL_DATA_DIR", dir.resolve("data").toString(),
                "VIGIL_HTTP_PORT", "0",
                "VIGIL_COLLECTORS_GPU_ENABLED", "false",
                "VIGIL_ENGINE_TICK_INTERVAL", "50ms"), Map.of());
        server = VigilServer.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock);
        base = server.baseUri().toString();
        key = Files.readString(dir.resolve("data").resolve("admin-api-key")).trim();
    }

    @AfterEach
    void stop() {
        server.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void createPushSeeAndAcknowledgeAnAlertOverHttp() throws Exception {
        JsonNode rule = call("POST", "/api/alerts/rules", Banner.SEED000_CPU_RULE, 201);
        assertThat(rule.get("name").asText()).isEqualTo("cpu_usage_high");
        assertThat(rule.get("threshold").get("duration_minutes").asInt()).isEqualTo(5);

        String sample = "{\"samples\": [{\"metric\": \"cpu_usage\", \"value\": 93.5, \"labels\": "
                + "{\"host\": \"web-1\", \"service\": \"web-server\", \"environment\": \"production\"}}]}";
        assertThat(call("POST", "/api/v1/metrics", sample, 202).get("data").get("accepted").asInt()).isEqualTo(1);
        awaitEvaluated();
        assertThat(activeRecords().get("pagination").get("total").asInt()).as("pending for 5 minutes first").isZero();

        clock.advance(Duration.ofMinutes(5));
        call("POST", "/api/v1/metrics", sample, 202);
        JsonNode alert = awaitActiveAlert();
        assertThat(alert.get("ruleName").asText()).isEqualTo("cpu_usage_high");
        assertThat(alert.get("triggerValue").asDouble()).isEqualTo(93.5);
        assertThat(alert.get("labels").get("host").asText()).isEqualTo("web-1");
        assertThat(alert.get("triggeredAt").asText()).isEqualTo("2026-03-02T09:05:00Z");

        JsonNode acknowledged = call("PUT", "/api/v1/alerts/records/" + alert.get("id").asText() + "/acknowledge",
                "{\"note\": \"looking into it\"}", 200).get("data");
        assertThat(acknowledged.get("status").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("admin");
        assertThat(acknowledged.get("acknowledgeNote").asText()).isEqualTo("looking into it");
    }

    @Test
    void theApiNeedsTheAdminKeyButHealthDoesNot() throws Exception {
        try (Response health = client.newCall(new Request.Builder().url(base + "/health").build()).execute()) {
            assertThat(health.code()).isEqualTo(200);
        }
        try (Response anonymous = client.newCall(new Request.Builder().url(base + "/api/alerts/rules").build()).execute()) {
            assertThat(anonymous.code()).isEqualTo(401);
        }
        try (Response wrong = client.newCall(new Request.Builder().url(base + "/api/alerts/rules")
                .header("Authorization", "Bearer vgl_not-the-key-at-all-0000").build()).execute()) {
            assertThat(wrong.code()).isEqualTo(401);
        }
        assertThat(call("GET", "/api/alerts/rules", null, 200).isArray()).isTrue();
    }

    /** The ticker evaluates the queue every 50 ms; waiting for that thread is not waiting for a timer. */
    private void awaitEvaluated() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.alerting().queuedSamples() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.alerting().queuedSamples()).isZero();
    }

    private JsonNode awaitActiveAlert() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode page = activeRecords();
        while (page.get("pagination").get("total").asInt() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            page = activeRecords();
        }
        assertThat(page.get("pagination").get("total").asInt()).isEqualTo(1);
        return page.get("list").get(0);
    }

    private JsonNode activeRecords() throws IOException {
        return call("GET", "/api/v1/alerts/records?status=active", null, 200).get("data");
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) throws IOException {
        Request request = new Request.Builder().url(base + path).header("Authorization", "Bearer " + key)
                .method(method, body == null ? null : RequestBody.create(body, JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            assertThat(response.code()).as("%s %s: %s", method, path, text).isEqualTo(expectedStatus);
            return MAPPER.readTree(text);
        }
    }
}
