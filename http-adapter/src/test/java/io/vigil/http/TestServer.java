package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.InMemoryAlertStore;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real server on 127.0.0.1 (any free port) over a Vigil with a manual clock, and an OkHttp
 * client that calls it as one of the test principals.
 */
final class TestServer implements AutoCloseable {
    static final Instant START = Instant.parse("2026-02-03T12:00:00Z");
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Who calls: credentials of each seed 003 role (null: none). */
    enum Who {
        NOBODY, ADMIN_BASIC, ADMIN, OPS, MANAGER, SECURITY, PUSHER;

        void apply(Request.Builder b) {
            switch (this) {
                case NOBODY: break;
                case ADMIN_BASIC: b.header("Authorization", Credentials.basic("admin", "changeme")); break;
                case ADMIN: b.header("Authorization", "Bearer admin-key-0123456789abcdef"); break;
                case OPS: b.header("X-API-Key", "ops-key-0123456789abcdef"); break;
                case MANAGER: b.header("Authorization", "Bearer manager-key-0123456789abcdef"); break;
                case SECURITY: b.header("X-API-Key", "security-key-0123456789abcdef"); break;
                case PUSHER: b.header("X-API-Key", "pusher-key-0123456789abcdef"); break;
                default: throw new IllegalStateException();
            }
        }
    }

    final TestClock clock = new TestClock(START);
    final AlertStore store;
    final Alerting alerting;
    final VigilHttpServer server;
    final OkHttpClient client;
    final String base;
    private final HttpOptions options;

    TestServer() {
        this(b -> { }, a -> { });
    }

    TestServer(Consumer<HttpOptions.Builder> options) {
        this(options, a -> { });
    }

    TestServer(Consumer<HttpOptions.Builder> options, Consumer<Alerting.Builder> vigil) {
        this(new InMemoryAlertStore(), options, vigil);
    }

    TestServer(AlertStore store, Consumer<HttpOptions.Builder> options, Consumer<Alerting.Builder> vigil) {
        this.store = store;
        AtomicInteger ruleIds = new AtomicInteger();
        AtomicInteger recordIds = new AtomicInteger();
        Alerting.Builder ab = Alerting.builder().clock(clock).store(store).hostLabels(Labels.of("host", "test-host"))
                .ids(() -> "rule_" + String.format("%03d", ruleIds.incrementAndGet()),
                        () -> "alert_" + String.format("%03d", recordIds.incrementAndGet()));
        vigil.accept(ab);
        this.alerting = ab.build();
        HttpOptions.Builder ob = HttpOptions.builder().port(0);
        options.accept(ob);
        this.options = ob.build();
        this.server = VigilHttpServer.start(alerting, this.options);
        this.client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).retryOnConnectionFailure(false).build();
        this.base = server.baseUri().toString();
    }

    HttpOptions serverOptions() {
        return options;
    }

    /** The standard credentials: one per seed 003 role, Basic for the admin too. */
    static void standardCredentials(HttpOptions.Builder b) {
        b.basicUser("admin", Secret.of("changeme"), Principal.of("usr_001", "管理员", Role.ADMIN))
                .apiKey(Secret.of("admin-key-0123456789abcdef"), Principal.of("usr_001", "管理员", Role.ADMIN))
                .apiKey(Secret.of("ops-key-0123456789abcdef"), Principal.of("usr_002", "运维工程师", Role.OPS_ENGINEER))
                .apiKey(Secret.of("manager-key-0123456789abcdef"), Principal.of("usr_003", "IT经理", Role.IT_MANAGER))
                .apiKey(Secret.of("security-key-0123456789abcdef"), Principal.of("usr_004", "安全工程师", Role.SECURITY_ENGINEER))
                .apiKey(Secret.of("pusher-key-0123456789abcdef"), Principal.of("host-pusher", Role.METRICS_PUSHER));
    }

    static TestServer standard() {
        return new TestServer(TestServer::standardCredentials);
    }

    /** A finished response. */
    record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** Seed 003's {@code data}. */
        JsonNode data() {
            return json().get("data");
        }

        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply send(Request request) {
        try (Response r = client.newCall(request).execute()) {
            return new Reply(r.code(), r.headers().toMultimap(), r.body() == null ? "" : r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status and headers only, for streams that do not end (the body is closed unread). */
    Reply sendHeadersOnly(Request request) {
        try (Response r = client.newCall(request).execute()) {
            return new Reply(r.code(), r.headers().toMultimap(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Request.Builder request(String path, Who who) {
        Request.Builder b = new Request.Builder().url(base + path);
        who.apply(b);
        return b;
    }

    Reply get(String path, Who who) {
        return send(request(path, who).get().build());
    }

    Reply delete(String path, Who who) {
        return send(request(path, who).delete().build());
    }

    Reply post(String path, String json, Who who) {
        return send(request(path, who).post(RequestBody.create(json, JSON)).build());
    }

    Reply put(String path, String json, Who who) {
        return send(request(path, who).put(RequestBody.create(json, JSON)).build());
    }

    Reply get(String path) {
        return get(path, Who.ADMIN);
    }

    Reply post(String path, String json) {
        return post(path, json, Who.ADMIN);
    }

    Reply put(String path, String json) {
        return put(path, json, Who.ADMIN);
    }

    Reply delete(String path) {
        return delete(path, Who.ADMIN);
    }

    /** Moves the clock and lets Vigil do what is due. */
    void advance(Duration d) {
        clock.advance(d);
        alerting.tick();
    }

    /** Records a sample now and evaluates it. */
    void record(String metric, double value, Labels labels) {
        alerting.record(metric, value, labels);
        alerting.tick();
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(2));
        alerting.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
