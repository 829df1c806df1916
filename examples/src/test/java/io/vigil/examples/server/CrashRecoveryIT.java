package io.vigil.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's crash test: the server jar is killed with SIGKILL in the middle of a burst of firing
 * alerts whose webhook notifications are still pending, and restarted on the same SQLite file.
 *
 * <p>The webhook receiver is a real HTTP server that, until the test lets it go, holds every
 * request it gets without answering. The dispatcher sends at most {@value #WEBHOOK_CONCURRENCY}
 * webhooks at a time (its default per-channel limit), so at the kill exactly those requests are in
 * flight, known by their {@code X-Vigil-Delivery} ids, and every other notification is pending in
 * the outbox. No timer is waited for: every wait is bounded polling of a condition.
 */
class CrashRecoveryIT {
    private static final String KEY = "crash-test-admin-key-0123456789";
    private static final String METRIC = "crash_load";
    private static final int SERIES = 50;
    private static final int ACKNOWLEDGED = 20;
    /** The dispatcher's default concurrency per channel: how many webhooks can be in flight at once. */
    private static final int WEBHOOK_CONCURRENCY = 4;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern FIRING_INSTANCE = Pattern.compile("\"state\"\\s*:\\s*\"(?i:firing)\"");

    @TempDir
    Path dir;
    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false).build();
    private final List<ServerProcess> processes = new ArrayList<>();
    private final MockWebServer receiver = new MockWebServer();
    /** Every request the receiver got, in arrival order: its delivery id and event kind. */
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    /** Until counted down, the receiver holds every request (the notifications stay in flight). */
    private final CountDownLatch released = new CountDownLatch(1);

    private record Delivery(String id, String kind, String recordId) {
    }

    @AfterEach
    void cleanUp() throws Exception {
        released.countDown();
        for (ServerProcess p : processes) {
            p.close();
        }
        receiver.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void aKilledServerKeepsAcknowledgementsDoesNotRefireAndDeliversEveryNotification() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                JsonNode body;
                try {
                    body = mapper.readTree(request.getBody().readUtf8());
                } catch (IOException e) {
                    return new MockResponse().setResponseCode(400);
                }
                deliveries.add(new Delivery(request.getHeader("X-Vigil-Delivery"), request.getHeader("X-Vigil-Event"),
                        body.path("alert").path("recordId").asText()));
                released.await(60, TimeUnit.SECONDS);
                return new MockResponse().setResponseCode(200);
            }
        });
        receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);

        // ---- before the crash: a burst of firing alerts, some acknowledged, notifications held --------
        ServerProcess first = start();
        String ruleId = post(first, "/api/alerts/rules", "{\"name\": \"crash_load_high\", \"condition\": \"greater_than\", "
                + "\"threshold\": {\"metric\": \"" + METRIC + "\", \"value\": 80.0, \"duration_minutes\": 0}, "
                + "\"severity\": \"high\", \"channels\": [\"webhook\"], \"cooldown_minutes\": 0, \"enabled\": true}", 201)
                .get("id").asText();
        pushSamples(first, 95);
        Map<String, JsonNode> fired = awaitRecords(first, ruleId, SERIES);
        awaitCondition("the dispatcher filled its " + WEBHOOK_CONCURRENCY + " webhook slots",
                () -> deliveries.size() >= WEBHOOK_CONCURRENCY);

        Map<String, String> acknowledged = new LinkedHashMap<>();           // record id -> note, for 200s only
        for (JsonNode r : fired.values().stream().limit(ACKNOWLEDGED).toList()) {
            String note = "on it: " + r.get("labels").get("host").asText();
            if (call(first, "PUT", "/api/v1/alerts/records/" + r.get("id").asText() + "/acknowledge",
                    "{\"note\": \"" + note + "\"}").code() == 200) {
                acknowledged.put(r.get("id").asText(), note);
            }
        }
        assertThat(acknowledged).as("acknowledges answered 200").hasSize(ACKNOWLEDGED);
        awaitCondition("a checkpoint with every firing instance",
                () -> count(FIRING_INSTANCE, checkpoint()) == SERIES);
        int pendingBeforeKill = history(first, "pending").get("pagination").get("total").asInt();
        Set<String> inFlightAtKill = ids(deliveries);
        assertThat(inFlightAtKill).as("only the dispatcher's concurrent sends reach the blocked receiver")
                .hasSize(WEBHOOK_CONCURRENCY);
        assertThat(pendingBeforeKill).as("firing notifications still pending at the kill").isEqualTo(SERIES);

        first.sigkill();
        String checkpointAtKill = checkpoint();
        released.countDown();          // from now on the receiver answers 200 at once

        // ---- after the restart --------------------------------------------------------------------
        ServerProcess second = start();
        awaitCondition("the outbox drained", () -> history(second, "pending").get("pagination").get("total").asInt() == 0);

        Map<String, JsonNode> afterRestart = records(second, ruleId);
        assertThat(afterRestart.keySet()).as("the same records, none added").isEqualTo(fired.keySet());
        acknowledged.forEach((id, note) -> {
            JsonNode r = afterRestart.get(id);
            assertThat(r.get("status").asText()).as("record %s", id).isEqualTo("acknowledged");
            assertThat(r.get("acknowledgeNote").asText()).isEqualTo(note);
        });
        assertThat(checkpointAtKill).as("the checkpoint restored at start held every firing instance")
                .satisfies(c -> assertThat(count(FIRING_INSTANCE, c)).isEqualTo(SERIES));

        // Still above the threshold after the restart: the restored instances are firing, nothing fires again.
        pushSamples(second, 96);
        awaitEvaluated(second);
        assertThat(records(second, ruleId).keySet()).as("no alert fired again after the restart")
                .isEqualTo(fired.keySet());

        // Below the threshold: every alert opened before the crash resolves and its RESOLVED is sent.
        pushSamples(second, 10);
        awaitCondition("every record resolved", () -> records(second, ruleId).values().stream()
                .allMatch(r -> r.get("status").asText().equals("resolved")));
        awaitCondition("every notification sent", () -> {
            JsonNode all = history(second, null).get("list");
            return all.size() == 2 * SERIES && all.findValuesAsText("status").stream().allMatch("sent"::equals);
        });

        JsonNode stored = history(second, null).get("list");
        Set<String> storedIds = new HashSet<>(stored.findValuesAsText("id"));
        assertThat(storedIds).hasSize(2 * SERIES);
        Map<String, Long> byKind = new HashMap<>();
        for (JsonNode n : stored) {
            byKind.merge(n.get("kind").asText(), 1L, Long::sum);
        }
        assertThat(byKind).containsEntry("firing", (long) SERIES).containsEntry("resolved", (long) SERIES);
        Set<String> resolvedFor = stored.findParents("kind").stream().filter(n -> n.get("kind").asText().equals("resolved"))
                .map(n -> n.get("alertId").asText()).collect(Collectors.toSet());
        assertThat(resolvedFor).as("a RESOLVED for every alert that fired before the crash").isEqualTo(fired.keySet());

        Set<String> received = ids(deliveries);
        assertThat(received).as("every notification in the store reached the receiver, none lost, none unknown")
                .isEqualTo(storedIds);
        // At least once: a request the receiver got but had not answered when the process died is
        // sent again after the restart (its record still says pending). Those, and only those, may
        // arrive twice; the receiver dedupes them on X-Vigil-Delivery.
        Map<String, Long> perId = deliveries.stream().collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
        Set<String> duplicated = perId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(duplicated).as("only notifications in flight at the kill arrive twice")
                .isSubsetOf(inFlightAtKill);
        assertThat(perId.values()).as("at most twice").allMatch(n -> n <= 2);
        second.sigterm();
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // ---- the server ---------------------------------------------------------------------------------

    private ServerProcess start() throws Exception {
        ServerProcess server = ServerProcess.start(dir, Map.of(
                "VIGIL_AUTH_ADMIN_API_KEY", KEY,
                "VIGIL_COLLECTORS_SYSTEM_ENABLED", "false",
                "VIGIL_NOTIFIERS_WEBHOOK_URL", receiver.url("/vigil").toString(),
                "VIGIL_ENGINE_TICK_INTERVAL", "100ms",
                "VIGIL_ENGINE_CHECKPOINT_INTERVAL", "500ms",
                "VIGIL_NOTIFIERS_PUMP_INTERVAL", "200ms",
                // A send cut short by the kill is retried once its claim runs out; the default 5 minutes
                // would outlast the test.
                "VIGIL_NOTIFIERS_LEASE", "2s"), client);
        processes.add(server);
        return server;
    }

    private void pushSamples(ServerProcess server, double value) throws IOException {
        StringBuilder json = new StringBuilder("{\"samples\": [");
        for (int i = 0; i < SERIES; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"metric\": \"").append(METRIC).append("\", \"value\": ")
                    .append(value).append(", \"labels\": {\"host\": \"").append(host(i)).append("\"}}");
        }
        JsonNode answer = post(server, "/api/v1/metrics", json.append("]}").toString(), 202);
        assertThat(answer.get("data").get("accepted").asInt()).isEqualTo(SERIES);
    }

    private static String host(int i) {
        return String.format("node-%02d", i);
    }

    /**
     * Waits until the pushed samples were evaluated and acted on: the ticker counted them in, then
     * started two more evaluations, so the tick that took them in has written its records.
     */
    private void awaitEvaluated(ServerProcess server) {
        awaitCondition("samples evaluated", () -> counter(server, "vigil_samples_in") >= SERIES);
        long evaluations = counter(server, "vigil_evaluations");
        awaitCondition("two more ticks", () -> counter(server, "vigil_evaluations") >= evaluations + 2);
    }

    private long counter(ServerProcess server, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:_total)?(?:\\{[^}]*})? (\\d+)").matcher(
                text(server, "/api/v1/system/metrics"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private Map<String, JsonNode> awaitRecords(ServerProcess server, String ruleId, int n) {
        awaitCondition(n + " records", () -> records(server, ruleId).size() == n);
        return records(server, ruleId);
    }

    private Map<String, JsonNode> records(ServerProcess server, String ruleId) {
        JsonNode list = json(server, "/api/v1/alerts/records?ruleId=" + ruleId + "&pageSize=1000").get("data").get("list");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        list.forEach(r -> byId.put(r.get("id").asText(), r));
        return byId;
    }

    private JsonNode history(ServerProcess server, String status) {
        return json(server, "/api/v1/alerts/notifications/history?pageSize=1000"
                + (status == null ? "" : "&status=" + status)).get("data");
    }

    /** The checkpoint in the SQLite file, read beside the server (WAL lets a reader in). */
    private String checkpoint() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("vigil.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM engine_state")) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            return "";                   // locked for a moment by a write: polled again
        }
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Set<String> ids(java.util.Collection<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).collect(Collectors.toSet());
    }

    // ---- HTTP ---------------------------------------------------------------------------------------

    private JsonNode post(ServerProcess server, String path, String body, int expected) throws IOException {
        try (Response r = call(server, "POST", path, body)) {
            String text = r.body().string();
            assertThat(r.code()).as(text).isEqualTo(expected);
            return mapper.readTree(text);
        }
    }

    private Response call(ServerProcess server, String method, String path, String body) throws IOException {
        Request request = new Request.Builder().url(server.base() + path).header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? null : RequestBody.create(body, JSON)).build();
        Response r = client.newCall(request).execute();
        if (body != null && method.equals("PUT")) {
            r.close();
        }
        return r;
    }

    private JsonNode json(ServerProcess server, String path) {
        try {
            return mapper.readTree(text(server, path));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String text(ServerProcess server, String path) {
        try (Response r = call(server, "GET", path, null)) {
            String text = r.body().string();
            assertThat(r.code()).as("GET %s: %s", path, text).isEqualTo(200);
            return text;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Bounded polling: conditions on processes and sockets, never a timer. */
    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for: %s", what).isLessThan(deadline);
            try {
                Thread.sleep(20);       // polling pace only, not waiting for a timer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
