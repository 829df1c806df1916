package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Labels;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-Sent Events read with OkHttp's streaming body: live events, keep-alives, resumption. */
class EventsTest {
    private TestServer t = new TestServer(b -> TestServer.standardCredentials(b.eventReplayBuffer(50)));

    @AfterEach
    void stop() {
        t.close();
    }

    /** One SSE frame: an event, or a comment (keep-alive), or the retry hint. */
    record Frame(String id, String event, String data, String comment, String retry) {
        JsonNode json() throws IOException {
            return TestServer.MAPPER.readTree(data);
        }
    }

    /** Reads frames from an open stream. */
    static final class Stream implements AutoCloseable {
        final Response response;
        final BufferedSource source;

        Stream(Response response) {
            this.response = response;
            this.source = response.body().source();
        }

        /** The next frame, or null at the end of the stream. */
        Frame next() throws IOException {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String comment = null;
            String retry = null;
            while (true) {
                String line = source.readUtf8Line();
                if (line == null) {
                    return null;
                }
                if (line.isEmpty()) {
                    if (id != null || event != null || data != null || comment != null || retry != null) {
                        return new Frame(id, event, data == null ? null : data.toString(), comment, retry);
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    comment = line.substring(1).trim();
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                } else if (line.startsWith("retry: ")) {
                    retry = line.substring(7);
                }
            }
        }

        /** The next frames that are events, skipping keep-alives and hints. */
        List<Frame> events(int n) throws IOException {
            List<Frame> out = new ArrayList<>();
            while (out.size() < n) {
                Frame f = next();
                assertThat(f).as("stream ended after " + out).isNotNull();
                if (f.event() != null) {
                    out.add(f);
                }
            }
            return out;
        }

        @Override
        public void close() {
            response.close();
        }
    }

    private Stream open(Who who, String lastEventId) throws IOException {
        Request.Builder b = t.request("/api/v1/alerts/events", who).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        Response r = t.client.newCall(b.build()).execute();
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        return new Stream(r);
    }

    private void createRule() {
        assertThat(t.post("/api/v1/alerts/rules", "{\"name\":\"GPU hot\",\"severity\":\"high\",\"cooldown\":0,\"conditions\":"
                + "[{\"metric\":\"gpu_temperature_celsius\",\"operator\":\">\",\"threshold\":80,\"duration\":0}]}").status()).isEqualTo(201);
    }

    @Test
    void recordLifecycleAndThresholdExceededArriveInOrder() throws Exception {
        try (Stream s = open(Who.SECURITY, null)) {
            assertThat(s.next().retry()).isEqualTo("3000");
            createRule();
            t.record("gpu_temperature_celsius", 91, Labels.of("host", "worker1", "gpu", "0"));
            t.put("/api/v1/alerts/records/alert_001/acknowledge", "{\"note\":\"looking\"}", Who.OPS);
            t.record("gpu_temperature_celsius", 60, Labels.of("host", "worker1", "gpu", "0"));
            List<Frame> events = s.events(5);
            assertThat(events).extracting(Frame::event).containsExactly("rule_changed", "record_created", "threshold_exceeded",
                    "record_updated", "record_resolved");
            assertThat(events).extracting(Frame::id).containsExactly("1", "2", "3", "4", "5");
            assertThat(events.get(0).json().get("kind").asText()).isEqualTo("created");
            assertThat(events.get(1).json().get("id").asText()).isEqualTo("alert_001");
            JsonNode exceeded = events.get(2).json();
            assertThat(exceeded.get("type").asText()).isEqualTo("threshold_exceeded");
            assertThat(exceeded.get("current_value").asInt()).isEqualTo(91);
            assertThat(exceeded.get("threshold").asInt()).isEqualTo(80);
            assertThat(exceeded.get("severity").asText()).isEqualTo("high");
            assertThat(exceeded.get("message").asText()).startsWith("GPU hot: ");
            assertThat(exceeded.get("labels").get("host").asText()).isEqualTo("worker1");
            assertThat(events.get(3).json().get("acknowledgedByName").asText()).isEqualTo("运维工程师");
            assertThat(events.get(4).json().get("status").asText()).isEqualTo("resolved");
        }
    }

    @Test
    void keepAlivesAreComments() throws Exception {
        try (Stream s = open(Who.ADMIN, null)) {
            s.next();
            t.server.events().keepAlive();
            Frame f = s.next();
            assertThat(f.comment()).isEqualTo("keep-alive");
            assertThat(f.event()).isNull();
        }
    }

    @Test
    void resumesAfterLastEventId() throws Exception {
        String last;
        try (Stream s = open(Who.ADMIN, null)) {
            createRule();
            last = s.events(1).get(0).id();
        }
        t.record("gpu_temperature_celsius", 95, Labels.of("host", "worker2"));
        try (Stream resumed = open(Who.ADMIN, last)) {
            List<Frame> missed = resumed.events(2);
            assertThat(missed).extracting(Frame::event).containsExactly("record_created", "threshold_exceeded");
            assertThat(missed).extracting(Frame::id).containsExactly("2", "3");
            t.delete("/api/v1/alerts/rules/rule_001");
            assertThat(resumed.events(1).get(0).id()).isEqualTo("4");
        }
        // the same with the query parameter, for clients that cannot set the header
        Request r = t.request("/api/v1/alerts/events?lastEventId=3", Who.ADMIN).build();
        try (Stream q = new Stream(t.client.newCall(r).execute())) {
            assertThat(q.events(1).get(0).id()).isEqualTo("4");
        }
    }

    @Test
    void aGapBeyondTheBufferIsAnnounced() throws Exception {
        t.close();
        t = new TestServer(b -> TestServer.standardCredentials(b.eventReplayBuffer(2)));
        createRule();
        for (int i = 0; i < 3; i++) {
            t.record("gpu_temperature_celsius", 90 + i, Labels.of("host", "w" + i));
        }
        assertThat(t.server.events().lastEventId()).isEqualTo(7);
        try (Stream s = open(Who.ADMIN, "1")) {
            List<Frame> frames = s.events(3);
            assertThat(frames.get(0).event()).isEqualTo("resync");
            assertThat(frames.get(0).json().get("oldestAvailable").asInt()).isEqualTo(6);
            assertThat(frames.subList(1, 3)).extracting(Frame::id).containsExactly("6", "7");
        }
    }

    @Test
    void refusals() throws Exception {
        assertThat(t.sendHeadersOnly(t.request("/api/v1/alerts/events", Who.NOBODY).build()).status()).isEqualTo(401);
        assertThat(t.sendHeadersOnly(t.request("/api/v1/alerts/events", Who.PUSHER).build()).status()).isEqualTo(403);
        Reply bad = t.send(t.request("/api/v1/alerts/events", Who.ADMIN).header("Last-Event-ID", "yesterday").build());
        assertThat(bad.status()).isEqualTo(400);
        t.close();
        t = new TestServer(b -> TestServer.standardCredentials(b.maxEventStreams(1)));
        try (Stream first = open(Who.ADMIN, null)) {
            first.next();
            Reply second = t.send(t.request("/api/v1/alerts/events", Who.ADMIN).build());
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.header("Retry-After")).isEqualTo("5");
        }
    }

    @Test
    void streamsEndWhenTheServerStops() throws Exception {
        Stream s = open(Who.ADMIN, null);
        s.next();
        assertThat(t.server.events().openStreams()).isEqualTo(1);
        t.server.stop(java.time.Duration.ofSeconds(1));
        try (s) {
            Frame f;
            do {
                try {
                    f = s.next();
                } catch (IOException e) {
                    f = null; // a reset is as good an end as any
                }
            } while (f != null);
        }
        assertThat(t.server.events().openStreams()).isZero();
    }
}
