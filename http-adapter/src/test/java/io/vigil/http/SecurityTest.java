package io.vigil.http;

import io.vigil.alerting.api.Secret;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication and permissions for every route in the table, security headers on every answer,
 * CORS, and the answers to broken requests (404, 405, 413, 415, 400).
 */
class SecurityTest {
    private final TestServer t = new TestServer(b -> TestServer.standardCredentials(b.maxBodyBytes(1024)
            .corsOrigins("https://ops.example.com")));

    @AfterEach
    void stop() {
        t.close();
    }

    /** A request to {@code route} with its path parameters filled in and, for POST and PUT, an empty object. */
    private Reply call(Route route, Who who) {
        String path = route.path().replaceAll("\\{[^}]+}", "x");
        Request.Builder b = t.request(path, who);
        switch (route.method()) {
            case "GET": b.get(); break;
            case "DELETE": b.delete(); break;
            default: b.method(route.method(), RequestBody.create("{}", TestServer.JSON));
        }
        return route.produces().contains("text/event-stream") ? t.sendHeadersOnly(b.build()) : t.send(b.build());
    }

    private static boolean may(Who who, Permission p) {
        switch (who) {
            case ADMIN: case ADMIN_BASIC: return true;
            case OPS: return Role.OPS_ENGINEER.permissions().contains(p);
            case MANAGER: return Role.IT_MANAGER.permissions().contains(p);
            case SECURITY: return Role.SECURITY_ENGINEER.permissions().contains(p);
            case PUSHER: return Role.METRICS_PUSHER.permissions().contains(p);
            default: return false;
        }
    }

    @Test
    void everyRouteChecksCredentialsAndPermissions() {
        List<Route> routes = t.server.routes().routes();
        assertThat(routes).hasSizeGreaterThan(50);
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            for (Who who : Who.values()) {
                Reply r = call(route, who);
                int status = r.status();
                String what = route + " as " + who + " -> " + r;
                if (status >= 500) {
                    failures.add("server error: " + what);
                } else if (route.permission() == null) {
                    if (status == 401 || status == 403) {
                        failures.add("public route refused: " + what);
                    }
                } else if (who == Who.NOBODY) {
                    if (status != 401 || r.header("WWW-Authenticate") == null) {
                        failures.add("no 401 without credentials: " + what);
                    }
                } else if (!may(who, route.permission())) {
                    if (status != 403) {
                        failures.add("no 403 without permission: " + what);
                    }
                } else if (status == 401 || status == 403) {
                    failures.add("refused despite permission: " + what);
                }
                assertSecurityHeaders(r);
            }
        }
        assertThat(failures).isEmpty();
    }

    static void assertSecurityHeaders(Reply r) {
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void wrongCredentialsAre401InEachStyle() {
        Reply key = t.send(t.request("/api/v1/alerts/rules", Who.NOBODY).header("X-API-Key", "wrong-key-0123456789abcdef").build());
        assertThat(key.status()).isEqualTo(401);
        assertThat(key.json().get("code").asInt()).isEqualTo(401);
        assertThat(key.json().get("message").asText()).isEqualTo("Unauthorized");
        String badBasic = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes());
        Reply basic = t.send(t.request("/api/v1/accelerators/gpus", Who.NOBODY).header("Authorization", badBasic).build());
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(basic.header("WWW-Authenticate")).startsWith("Basic realm=\"Vigil\"");
        Reply plain = t.send(t.request("/api/alerts/rules", Who.NOBODY).header("Authorization", "Bearer nope").build());
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.json().get("status_code").asInt()).isEqualTo(401);
        assertThat(t.send(t.request("/api/alerts/rules", Who.NOBODY).header("Authorization", "Basic !!!").build()).status())
                .isEqualTo(401);
        assertThat(t.send(t.request("/api/alerts/rules", Who.NOBODY).header("Authorization", "Digest x").build()).status())
                .isEqualTo(401);
        // Basic works as seed 004 shows it: curl -u admin:changeme
        assertThat(t.get("/api/v1/accelerators/gpus", Who.ADMIN_BASIC).status()).isEqualTo(200);
    }

    @Test
    void healthAndOpenApiNeedNoCredentials() {
        assertThat(t.get("/health", Who.NOBODY).json().get("status").asText()).isEqualTo("healthy");
        assertThat(t.get("/api/v1/system/health", Who.NOBODY).status()).isEqualTo(200);
        assertThat(t.get("/api/alerts/health", Who.NOBODY).status()).isEqualTo(200);
        assertThat(t.get("/api/v1/openapi.json", Who.NOBODY).status()).isEqualTo(200);
        assertThat(t.get("/api/v1/system/version", Who.NOBODY).status()).isEqualTo(401);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() {
        Reply missing = t.get("/api/v1/alerts/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asInt()).isEqualTo(404);
        assertThat(t.get("/nowhere").status()).isEqualTo(404);
        assertThat(t.get("/api/alerts/nowhere").json().get("status_code").asInt()).isEqualTo(404);
        assertSecurityHeaders(missing);
        Reply wrong = t.send(t.request("/api/v1/alerts/records/alert_1", Who.ADMIN).delete().build());
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        Reply patch = t.send(t.request("/api/v1/alerts/rules", Who.ADMIN).patch(RequestBody.create("{}", TestServer.JSON)).build());
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        // unauthenticated callers learn no more than authenticated ones about what exists
        assertThat(t.get("/api/v1/alerts/nothing-here", Who.NOBODY).status()).isEqualTo(404);
    }

    @Test
    void optionsAndHead() {
        Reply options = t.send(t.request("/api/v1/alerts/rules/x", Who.NOBODY).method("OPTIONS", null).build());
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("GET, PUT, DELETE, HEAD, OPTIONS");
        Reply head = t.send(t.request("/api/v1/alerts/rules", Who.ADMIN).head().build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
        Reply allowed = t.send(t.request("/api/v1/alerts/rules", Who.ADMIN).header("Origin", "https://ops.example.com").build());
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://ops.example.com");
        assertThat(allowed.header("Vary")).isEqualTo("Origin");
        Reply other = t.send(t.request("/api/v1/alerts/rules", Who.ADMIN).header("Origin", "https://evil.example.com").build());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        Reply preflight = t.send(t.request("/api/v1/alerts/rules", Who.NOBODY).method("OPTIONS", null)
                .header("Origin", "https://ops.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization").contains("Content-Type");
        Reply refused = t.send(t.request("/api/v1/alerts/rules", Who.NOBODY).method("OPTIONS", null)
                .header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "POST").build());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        try (TestServer noCors = TestServer.standard()) {
            Reply r = noCors.send(noCors.request("/api/v1/alerts/rules", Who.ADMIN).header("Origin", "https://ops.example.com").build());
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void bodiesOverTheLimitAre413WhateverTheFraming() {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\"}";
        Reply declared = t.post("/api/v1/alerts/rules", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("code").asInt()).isEqualTo(413);
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return TestServer.JSON;
            }

            @Override
            public long contentLength() {
                return -1; // sent chunked, without Content-Length
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8(big);
            }
        };
        Reply streamed = t.send(t.request("/api/v1/alerts/rules", Who.ADMIN).post(chunked).build());
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(t.alerting.rules().all()).isEmpty();
        // within the limit all is well again
        assertThat(t.post("/api/v1/alerts/rules", RulesApiTest.rule("small", "low", "vm_1")).status()).isEqualTo(201);
    }

    @Test
    void bodiesMustBeDeclaredJson() {
        Reply form = t.send(t.request("/api/v1/alerts/rules", Who.ADMIN)
                .post(RequestBody.create("name=x", MediaType.get("application/x-www-form-urlencoded"))).build());
        assertThat(form.status()).isEqualTo(415);
        Reply text = t.send(t.request("/api/alerts/evaluate", Who.ADMIN)
                .post(RequestBody.create("{}", MediaType.get("text/plain"))).build());
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("status_code").asInt()).isEqualTo(415);
    }

    @Test
    void deepOrHugeJsonIs400() {
        String deep = "[".repeat(100) + "]".repeat(100);
        Reply r = t.post("/api/v1/metrics", deep);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("limit");
        assertThat(t.post("/api/v1/alerts/rules", "{\"a\":1}{\"b\":2}").status()).isEqualTo(400);
        assertThat(t.post("/api/v1/alerts/rules", "{\"name\":\"a\",\"name\":\"b\"}").status()).isEqualTo(400);
        assertThat(t.post("/api/v1/alerts/rules", "\u00ff\u00fe").status()).isEqualTo(400);
    }

    @Test
    void malformedPathEscapesAre400() {
        // refused by the JDK's server itself, before any handler (so without Vigil's body and headers)
        Reply jdk = t.get("/api/v1/alerts/rules/%zz");
        assertThat(jdk.status()).isEqualTo(400);
        assertThat(jdk.body()).isEqualTo(HttpFuzzProperties.JDK_BAD_URI);
        // a decodable escape that is not UTF-8 reaches the dispatcher and is refused in the API's own style
        Reply bad = t.get("/api/v1/alerts/rules/%ff");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asInt()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/rules?page=%e0%a4").status()).isEqualTo(400);
    }

    @Test
    void optionsRefuseUnsafeSetups() {
        assertThatThrownBy(() -> HttpOptions.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no credentials configured");
        assertThatThrownBy(() -> HttpOptions.builder().authenticationDisabled().bindAddress("0.0.0.0").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing to serve without authentication");
        assertThat(HttpOptions.builder().authenticationDisabled().bindAddress("0.0.0.0").allowUnauthenticatedRemoteAccess()
                .build().bindAddress().isAnyLocalAddress()).isTrue();
        assertThat(HttpOptions.builder().authenticationDisabled().build().bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(HttpOptions.builder().apiKey(Secret.of("0123456789abcdef"), Principal.of("a", Role.ADMIN)).build()
                .bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> HttpOptions.builder().apiKey(Secret.of("short"), Principal.of("a", Role.ADMIN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpOptions.builder().corsOrigins("*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpOptions.builder().authenticationDisabled()
                .apiKey(Secret.of("0123456789abcdef"), Principal.of("a", Role.ADMIN)).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void authenticationDisabledServesEverythingAsAnonymous() {
        try (TestServer open = new TestServer(HttpOptions.Builder::authenticationDisabled)) {
            assertThat(open.server.address().getAddress().isLoopbackAddress()).isTrue();
            Reply r = open.post("/api/v1/alerts/rules", RulesApiTest.rule("anon", "low", "vm_1"), Who.NOBODY);
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.data().get("createdBy").asText()).isEqualTo("anonymous");
        }
    }

    @Test
    void secretsNeverAppearInErrors() {
        Reply r = t.post("/api/v1/alerts/rules", "{\"name\":\"w\",\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">\","
                + "\"threshold\":1}],\"notifications\":{\"methods\":[\"webhook\"],\"webhook\":{\"enabled\":true,"
                + "\"url\":\"not a url\",\"secret\":\"hunter2-signing\"}}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).doesNotContain("hunter2-signing");
        Map<String, ?> unused = Map.of();
        assertThat(unused).isEmpty();
    }
}
