package io.vigil.http;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/metrics}: samples pushed with an API key reach evaluation, all or nothing. */
class IngestApiTest {
    private final TestServer t = TestServer.standard();

    @AfterEach
    void stop() {
        t.close();
    }

    private List<Sample> latest() {
        t.alerting.tick();
        return t.alerting.latestSamples(s -> true);
    }

    @Test
    void pushedSamplesAreEvaluatedAndCanFireRules() {
        t.post("/api/v1/alerts/rules", "{\"name\":\"hot\",\"cooldown\":0,\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">\","
                + "\"threshold\":90,\"duration\":0}]}");
        Reply r = t.post("/api/v1/metrics", "{\"samples\":[{\"metric\":\"cpu_usage\",\"value\":95,\"labels\":{\"host\":\"edge-7\"}},"
                + "{\"metric\":\"vm_status\",\"state\":\"running\",\"timestamp\":\"2026-02-03T11:59:00Z\"},"
                + "{\"metric\":\"queue_depth\",\"value\":3,\"timestamp\":" + TestServer.START.toEpochMilli() + "}]}", Who.PUSHER);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("code").asInt()).isEqualTo(202);
        assertThat(r.data().get("accepted").asInt()).isEqualTo(3);
        List<Sample> latest = latest();
        assertThat(latest).extracting(Sample::metric).containsExactlyInAnyOrder("cpu_usage", "vm_status", "queue_depth");
        assertThat(latest).filteredOn(s -> s.metric().equals("vm_status")).first()
                .satisfies(s -> assertThat(s.state()).isEqualTo("running"));
        assertThat(t.alerting.records().all(io.vigil.alerting.spi.RecordQuery.all())).singleElement()
                .satisfies(rec -> assertThat(rec.labels()).isEqualTo(Labels.of("host", "edge-7")));
        // a bare list works too
        assertThat(t.post("/api/v1/metrics", "[{\"metric\":\"x\",\"value\":1}]", Who.PUSHER).status()).isEqualTo(202);
    }

    @Test
    void aBatchWithABadSampleIsRefusedWholeWithEveryProblem() {
        Reply r = t.post("/api/v1/metrics", "{\"samples\":[{\"metric\":\"ok\",\"value\":1},{\"metric\":\"9bad\",\"value\":1},"
                + "{\"metric\":\"v\",\"value\":\"NaN\"},{\"metric\":\"both\",\"value\":1,\"state\":\"x\"},"
                + "{\"metric\":\"l\",\"value\":1,\"labels\":{\"a b\":\"x\",\"n\":5}},{\"metric\":\"t\",\"value\":1,\"timestamp\":\"soon\"},"
                + "{\"metric\":\"u\",\"value\":1,\"unit\":\"s\"},7]}", Who.PUSHER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("nothing was recorded");
        assertThat(r.json().get("errors").toString()).contains("samples[1].metric").contains("samples[2].value")
                .contains("\"samples[3]\"").contains("samples[4].labels.a b").contains("samples[4].labels.n")
                .contains("samples[5].timestamp").contains("samples[6].unit").contains("\"samples[7]\"");
        assertThat(latest()).isEmpty();
        assertThat(t.post("/api/v1/metrics", "{\"samples\":{}}", Who.PUSHER).status()).isEqualTo(400);
        assertThat(t.post("/api/v1/metrics", "{\"data\":[]}", Who.PUSHER).status()).isEqualTo(400);
        assertThat(t.post("/api/v1/metrics", "", Who.PUSHER).status()).isEqualTo(400);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= IngestApi.MAX_SAMPLES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"metric\":\"m\",\"value\":1}");
        }
        assertThat(t.post("/api/v1/metrics", many.append("]").toString(), Who.PUSHER).status()).isEqualTo(400);
    }

    @Test
    void onlyKeysWithMetricsWriteMayPush() {
        String one = "[{\"metric\":\"m\",\"value\":1}]";
        assertThat(t.post("/api/v1/metrics", one, Who.NOBODY).status()).isEqualTo(401);
        assertThat(t.post("/api/v1/metrics", one, Who.SECURITY).status()).isEqualTo(403);
        assertThat(t.post("/api/v1/metrics", one, Who.OPS).status()).isEqualTo(403);
        assertThat(t.post("/api/v1/metrics", one, Who.ADMIN).status()).isEqualTo(202);
        // and the pusher can do nothing else
        assertThat(t.get("/api/v1/alerts/rules", Who.PUSHER).status()).isEqualTo(403);
    }
}
