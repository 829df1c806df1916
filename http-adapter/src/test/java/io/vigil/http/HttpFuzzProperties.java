package io.vigil.http;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated requests against a running server: never a 5xx, never a stack trace, and a
 * refused request (4xx) changes nothing that is stored — rules, records, queued samples, the
 * notification configuration, channels and templates.
 */
class HttpFuzzProperties {
    /** The JDK server's own answer to a request target that does not parse as a URI. */
    static final String JDK_BAD_URI = "<h1>400 Bad Request</h1>URISyntaxException thrown";
    private static TestServer t;
    private static List<Route> routes;

    /** Valid bodies of the write endpoints, which mutations start from. */
    private static final List<String> BODIES = List.of(
            RulesApiTest.SEED_003_CREATE,
            "{\"name\":\"fz\",\"condition\":\"greater_than\",\"threshold\":{\"metric\":\"cpu_usage\",\"value\":80.0,"
                    + "\"duration_minutes\":5},\"severity\":\"high\",\"channels\":[\"email\",\"discord\"],\"cooldown_minutes\":30,"
                    + "\"escalation_minutes\":60,\"enabled\":true,\"tags\":{\"service\":\"web\"}}",
            "{\"ruleIds\":[\"rule_001\",\"rule_002\"],\"enabled\":false}",
            "{\"alertIds\":[\"alert_001\"],\"note\":\"batch\"}",
            "{\"note\":\"checked\"}",
            "{\"resolution\":\"restarted\"}",
            "{\"rules\":[{\"name\":\"imp\",\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">\",\"threshold\":1}]}]}",
            "{\"ruleIds\":[\"rule_001\"],\"format\":\"yaml\"}",
            "{\"samples\":[{\"metric\":\"cpu_usage\",\"value\":95,\"labels\":{\"host\":\"h\"}},{\"metric\":\"s\",\"state\":\"up\"}]}",
            "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":85.0,\"server_info\":{\"hostname\":\"w\"}}}",
            "{\"rule_names\":[\"cpu_usage_high\"]}",
            "{\"name\":\"ch\",\"type\":\"webhook\",\"config\":{\"url\":\"https://x.example/h\",\"secret\":\"s\",\"headers\":{\"A\":\"b\"}}}",
            "{\"id\":\"tp\",\"name\":\"t\",\"template\":\"{rule} {value}\",\"variables\":[\"rule\",\"value\"]}",
            "{\"email\":{\"enabled\":true,\"smtp\":{\"host\":\"h\",\"port\":587,\"secure\":true,\"auth\":{\"user\":\"u\",\"pass\":\"******\"}},"
                    + "\"from\":\"a@b\"},\"globalPolicy\":{\"maxRetry\":3,\"quietHours\":{\"enabled\":true,\"start\":\"23:00\",\"end\":\"07:00\"}}}",
            "{\"method\":\"email\",\"recipient\":\"a@b\"}",
            "{\"variables\":{\"rule\":\"r\"}}",
            "{\"enabled\":true}");

    @BeforeContainer
    static void start() {
        t = new TestServer(b -> TestServer.standardCredentials(b.maxBodyBytes(16 * 1024)));
        routes = t.server.routes().routes();
        seed();
    }

    @AfterContainer
    static void stop() {
        t.close();
    }

    /** Something for ids in paths to find. */
    private static void seed() {
        t.post("/api/alerts/rules", BODIES.get(1).replace("\"fz\"", "\"cpu_usage_high\""));
        t.post("/api/v1/alerts/rules", RulesApiTest.rule("fuzz-base", "low", "vm_1").replace("\"duration\":60", "\"duration\":0"));
        t.record("cpu_usage", 99, Labels.of("vm", "vm_1"));
        t.post("/api/v1/notifications/channels", BODIES.get(11));
        t.post("/api/v1/notifications/templates", BODIES.get(12));
    }

    /** Everything stored that a request could change. */
    private static List<Object> state() {
        return List.of(t.alerting.rules().all(), t.alerting.records().all(RecordQuery.all()), t.alerting.queuedSamples(),
                Objects.toString(t.store.notificationConfig().orElse(null)), t.serverOptions().channelStore().list(),
                t.serverOptions().templateStore().list());
    }

    record Fuzz(String method, String path, String contentType, byte[] body, Who who, boolean csv) {
        @Override
        public String toString() {
            return method + " " + path + " as " + who + " [" + contentType + "] " + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static void check(Fuzz f) {
        if (t.alerting.rules().all().isEmpty()) {
            seed();
        }
        List<Object> before = state();
        Request.Builder b = t.request("", f.who()).url(t.base + f.path());
        if (f.csv()) {
            b.header("Accept", "text/csv");
        }
        RequestBody body = f.body().length == 0 && (f.method().equals("GET") || f.method().equals("DELETE")) ? null
                : RequestBody.create(f.body(), f.contentType() == null ? null : MediaType.parse(f.contentType()));
        if (body == null && (f.method().equals("POST") || f.method().equals("PUT") || f.method().equals("PATCH"))) {
            body = RequestBody.create(new byte[0], null);
        }
        b.method(f.method(), f.method().equals("GET") || f.method().equals("HEAD") ? null : body);
        boolean stream = f.path().startsWith("/api/v1/alerts/events") && f.method().equals("GET");
        Reply r = stream ? t.sendHeadersOnly(b.build()) : t.send(b.build());
        assertThat(r.status()).as("%s -> %s", f, r).isLessThan(500);
        // every answer of Vigil's dispatcher carries its headers; one without them is the JDK's own
        boolean jdkRefusal = r.header("X-Content-Type-Options") == null
                && (r.body().equals(JDK_BAD_URI) || r.body().isEmpty() && (f.method().equals("HEAD") || stream));
        if (jdkRefusal) {
            // the JDK's server refuses a request line that is no URI before any handler runs (see README)
            assertThat(r.status()).isEqualTo(400);
            assertThat(state()).isEqualTo(before);
            return;
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        SecurityTest.assertSecurityHeaders(r);
        if (r.status() >= 400) {
            assertThat(state()).as("a refused request changed stored data: %s -> %s", f, r).isEqualTo(before);
        }
    }

    @Property(tries = 400)
    void mutatedRequestsToRealRoutesNeverFailTheServer(@ForAll("routeRequests") Fuzz fuzz) {
        check(fuzz);
    }

    @Property(tries = 300)
    void randomRequestsNeverFailTheServer(@ForAll("randomRequests") Fuzz fuzz) {
        check(fuzz);
    }

    // ---- generators -------------------------------------------------------------------------

    private static Arbitrary<Who> who() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Who.ADMIN)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Who.values())));
    }

    private static Arbitrary<String> contentType() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("application/yaml", "text/plain", "application/x-www-form-urlencoded",
                        "application/json; charset=iso-8859-1", "application/merge-patch+json", "garbage")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<String> segmentValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("rule_001", "rule_002", "alert_001", "alert_002", "cpu_usage_high", "fuzz-base", "tp", "nvidia0",
                        "worker1", "batch", "import", "export", "summary"),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-_.~").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("%00", "%2F", "%25", "..", "%zz", "%C3%A9", "%E4%BD%A0", "%ff", "+", "a%20b", "%"));
    }

    private static Arbitrary<String> query(Route route) {
        List<String> names = new ArrayList<>();
        route.query().forEach(q -> names.add(q.name()));
        names.add("junk");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("1", "0", "-1", "20", "1001", "true", "no", "csv", "json", "yaml", "hour", "day", "high", "active",
                        "2026-02-03T00:00:00Z", "2020-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "abc", "%zz", "", "1e9", "NaN"),
                Arbitraries.strings().ofMaxLength(10).map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)));
        return Combinators.combine(Arbitraries.of(names), value).as((n, v) -> n + "=" + v)
                .list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
    }

    @Provide
    Arbitrary<Fuzz> routeRequests() {
        return Arbitraries.of(routes).flatMap(route -> {
            Arbitrary<String> path = segmentValue().list().ofSize(route.pathParameters().size()).map(values -> {
                String p = route.path();
                for (String v : values) {
                    p = p.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(v));
                }
                return p;
            });
            Arbitrary<String> method = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(9, Arbitraries.just(route.method())),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")));
            return Combinators.combine(method, path, query(route), contentType(), body(), who(), Arbitraries.of(true, false))
                    .as((m, p, q, ct, body, w, csv) -> new Fuzz(m, p + q, ct, body, w, csv));
        });
    }

    @Provide
    Arbitrary<Fuzz> randomRequests() {
        Arbitrary<String> path = Arbitraries.oneOf(
                segmentValue().list().ofMinSize(0).ofMaxSize(6).map(s -> "/" + String.join("/", s)),
                Arbitraries.of(routes).map(Route::path).flatMap(p -> segmentValue().map(v -> p.replaceAll("\\{[^}]+}", v) + "/" + v)));
        return Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), path,
                contentType(), body(), who()).as((m, p, ct, body, w) -> new Fuzz(m, p, ct, body, w, false));
    }

    private static Arbitrary<byte[]> body() {
        return Arbitraries.oneOf(
                Arbitraries.of(BODIES).flatMap(HttpFuzzProperties::mutate).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                json(3).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.just(new byte[0]));
    }

    /** A valid body with one to three edits: characters dropped, inserted or swapped, values replaced, cut short. */
    private static Arbitrary<String> mutate(String valid) {
        Arbitrary<java.util.function.UnaryOperator<String>> edit = Arbitraries.oneOf(
                Arbitraries.integers().between(0, valid.length() - 1).map(i -> s -> s.length() <= i ? s : s.substring(0, i) + s.substring(i + 1)),
                Combinators.combine(Arbitraries.integers().between(0, valid.length()),
                        Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '\\', '0', '-', 'e', ' ', '\u0000', '한'))
                        .as((i, c) -> s -> s.substring(0, Math.min(i, s.length())) + c + s.substring(Math.min(i, s.length()))),
                Arbitraries.integers().between(0, valid.length()).map(i -> s -> s.substring(0, Math.min(i, s.length()))),
                json(2).map(v -> s -> s.replaceFirst(":\\s*(\"[^\"]*\"|-?[0-9.]+|true|false|null)",
                        java.util.regex.Matcher.quoteReplacement(":" + v))),
                Arbitraries.just(s -> s),
                Arbitraries.just(s -> s.replace("\"", "'")));
        return edit.list().ofMinSize(1).ofMaxSize(3).map(edits -> {
            String s = valid;
            for (var e : edits) {
                s = e.apply(s);
            }
            return s;
        });
    }

    /** Arbitrary JSON text, with keys the API knows so that it reaches deeper checks. */
    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e308", "-1e400", "3.14", "9223372036854775808", "\"\"",
                        "\"******\"", "\"2026-02-03T00:00:00Z\"", "\"greater_than\"", "\">=\"", "\"high\"", "\"5m\"", "\"-5m\""),
                Arbitraries.strings().ofMaxLength(12).map(s -> TestServer.MAPPER.valueToTree(s).toString()),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("Infinity") && !s.contains("NaN")));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("name", "conditions", "metric", "operator", "threshold", "duration", "severity", "scope", "scopeId",
                        "enabled", "cooldown", "notifications", "methods", "webhook", "url", "secret", "condition",
                        "duration_minutes", "value", "channels", "ruleIds", "alertIds", "note", "samples", "labels", "timestamp",
                        "state", "rule_name", "metric_data", "metric_value", "rule_names", "type", "config", "template",
                        "variables", "email", "smtp", "port", "globalPolicy", "quietHours", "content", "rules", "format", "id"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> member = Combinators.combine(key, json(depth - 1)).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = member.list().ofMaxSize(4).map(m -> "{" + String.join(",", m) + "}");
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(3).map(m -> "[" + String.join(",", m) + "]");
        return Arbitraries.oneOf(scalar, object, array);
    }
}
