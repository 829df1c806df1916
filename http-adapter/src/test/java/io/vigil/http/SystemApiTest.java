package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Labels;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, version, Prometheus metrics and the OpenAPI document. */
class SystemApiTest {
    private static final Pattern SAMPLE_LINE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})? -?[0-9][0-9.eE+-]*");

    private final TestServer t = TestServer.standard();

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void healthInEachSeedsShape() {
        JsonNode h = t.get("/health", Who.NOBODY).json();
        assertThat(h.get("status").asText()).isEqualTo("healthy");
        assertThat(h.get("service").asText()).isNotEmpty();
        assertThat(h.has("version")).isTrue();
        t.clock.advance(Duration.ofMinutes(2));
        JsonNode s = t.get("/api/v1/system/health", Who.NOBODY).json();
        assertThat(s.get("status").asText()).isEqualTo("healthy");
        assertThat(s.get("uptime_seconds").asInt()).isEqualTo(120);
        assertThat(s.get("checks").get("store").asText()).isEqualTo("ok");
        assertThat(s.toString()).doesNotContain("rules").doesNotContain("alerts");
    }

    @Test
    void aBrokenStoreMakesHealth503() {
        ControllableStore store = new ControllableStore();
        try (TestServer broken = new TestServer(store, TestServer::standardCredentials, a -> { })) {
            store.failing = true;
            Reply h = broken.get("/health", Who.NOBODY);
            assertThat(h.status()).isEqualTo(503);
            assertThat(h.json().get("status").asText()).isEqualTo("unhealthy");
            assertThat(broken.get("/api/v1/system/health", Who.NOBODY).status()).isEqualTo(503);
            assertThat(broken.get("/api/alerts/health", Who.NOBODY).json().get("checks").get("store").asText()).isEqualTo("failing");
            // a failing store elsewhere is a server error, answered without internals
            Reply list = broken.get("/api/v1/alerts/rules");
            assertThat(list.status()).isEqualTo(500);
            assertThat(list.json().get("code").asInt()).isEqualTo(500);
            assertThat(list.json().get("message").asText()).isEqualTo("Server Error");
            assertThat(list.body()).doesNotContain("database unreachable").doesNotContain("IllegalStateException");
        }
    }

    @Test
    void aFailingCollectorMakesHealthDegraded() {
        MetricCollector failing = new MetricCollector() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public Duration defaultInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public void collect(SampleSink sink) {
                throw new IllegalStateException("sensor bus down");
            }
        };
        try (TestServer s = new TestServer(TestServer::standardCredentials, a -> a.collector(failing))) {
            s.alerting.tick();
            s.alerting.close(); // waits for the collection in flight; the server keeps answering
            Reply h = s.get("/health", Who.NOBODY);
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.json().get("status").asText()).isEqualTo("degraded");
            assertThat(s.get("/api/v1/dashboard/summary").data().get("collectors").get("healthy").asInt()).isZero();
        }
    }

    @Test
    void versionNeedsReadPermission() {
        Reply v = t.get("/api/v1/system/version", Who.SECURITY);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().get("data").get("api_version").asText()).isNotEmpty();
        assertThat(t.get("/api/v1/system/version", Who.PUSHER).json().get("error").get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void prometheusTextFromTheDropwizardRegistry() {
        t.post("/api/v1/alerts/rules", RulesApiTest.rule("r", "low", "vm_1"));
        t.record("cpu_usage", 95, Labels.of("vm", "vm_1"));
        t.get("/api/v1/alerts/rules");
        t.get("/nowhere");
        Reply m = t.get("/api/v1/system/metrics", Who.SECURITY);
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        String text = m.body();
        assertThat(text).contains("# TYPE vigil_samples_in_total counter\nvigil_samples_in_total 1\n")
                .contains("# TYPE vigil_alerts_active_low gauge\n")
                .contains("vigil_http_responses_total{method=\"GET\",route=\"/api/v1/alerts/rules\",status=\"200\"} 1\n")
                .contains("vigil_http_responses_total{method=\"POST\",route=\"/api/v1/alerts/rules\",status=\"201\"} 1\n")
                .contains("vigil_http_responses_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n")
                .contains("# TYPE vigil_http_requests_seconds summary\n")
                .contains("vigil_http_requests_seconds{quantile=\"0.99\"}");
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches(SAMPLE_LINE);
            }
        }
    }

    @Test
    void openApiDocumentsEveryRouteOfTheTable() {
        Reply r = t.get("/api/v1/openapi.json", Who.NOBODY);
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        JsonNode paths = doc.get("paths");
        Set<String> operations = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
                String method = m.next();
                operations.add(method.toUpperCase() + " " + path);
                JsonNode op = paths.get(path).get(method);
                assertThat(ids.add(op.get("operationId").asText())).as("unique operationId").isTrue();
                assertThat(op.get("summary").asText()).isNotBlank();
                assertThat(op.get("responses").size()).isGreaterThan(1);
            }
        }
        Set<String> table = new HashSet<>();
        for (Route route : t.server.routes().routes()) {
            table.add(route.method() + " " + route.path());
            JsonNode op = paths.get(route.path()).get(route.method().toLowerCase());
            assertThat(op.get("parameters").findValuesAsText("name")).containsAll(route.pathParameters());
            if (route.permission() == null) {
                assertThat(op.get("security")).isEmpty();
            } else {
                assertThat(op.get("x-permission").asText()).isEqualTo(route.permission().wireName());
            }
        }
        assertThat(operations).isEqualTo(table);
        assertThat(operations).contains("GET /api/v1/alerts/rules", "POST /api/alerts/send", "GET /api/v1/accelerators/gpus/{gpu_id}",
                "GET /api/v1/alerts/events", "POST /api/v1/metrics", "POST /api/v1/notifications/channels/{id}/toggle",
                "GET /api/v1/openapi.json");
        assertThat(doc.get("components").get("securitySchemes").has("basicAuth")).isTrue();
    }
}
