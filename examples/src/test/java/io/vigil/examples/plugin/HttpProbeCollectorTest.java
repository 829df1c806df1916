package io.vigil.examples.plugin;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleBuffer;
import io.vigil.alerting.testing.ManualClock;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpProbeCollectorTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final CollectorHealth health = new CollectorHealth(clock);
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private MetricCollector probe(String targets) throws CollectorUnavailableException {
        return new HttpProbeCollectorProvider().create(CollectorContext.builder().clock(clock).health(health)
                .property("targets", targets).property("timeout", "2s").build());
    }

    private List<Sample> collect(MetricCollector collector) throws Exception {
        SampleBuffer buffer = new SampleBuffer(clock.instant(), Labels.of("host", "h"));
        collector.collect(buffer);
        return buffer.samples();
    }

    @Test
    void reportsUpDurationAndStatusOfEachTarget() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        server.enqueue(new MockResponse().setResponseCode(200));
        server.enqueue(new MockResponse().setResponseCode(502));
        String ok = server.url("/ok").toString();
        String bad = server.url("/bad").toString();

        List<Sample> samples = collect(probe(ok + ", " + bad));

        assertThat(samples).filteredOn(s -> s.metric().equals("probe_up"))
                .extracting(s -> s.labels().get("target") + "=" + s.value())
                .containsExactly(ok + "=1.0", bad + "=0.0");
        assertThat(samples).filteredOn(s -> s.metric().equals("probe_status_code"))
                .extracting(Sample::value).containsExactly(200.0, 502.0);
        assertThat(samples).filteredOn(s -> s.metric().equals("probe_duration_ms"))
                .allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
        assertThat(health.isHealthy()).isTrue();
    }

    @Test
    void anUnreachableTargetIsDownAndInTheHealthRecordUntilItAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String target = "http://127.0.0.1:" + port + "/health";
        MetricCollector collector = probe(target);

        assertThat(collect(collector)).singleElement().satisfies(s -> {
            assertThat(s.metric()).isEqualTo("probe_up");
            assertThat(s.value()).isZero();
        });
        assertThat(health.problems()).containsOnlyKeys("target " + target);
        assertThat(health.problems().get("target " + target).message()).startsWith("unreachable: ConnectException");
    }

    @Test
    void withoutTargetsItIsUnavailableAndBadTargetsAreRefused() {
        assertThatThrownBy(() -> new HttpProbeCollectorProvider().create(CollectorContext.builder().build()))
                .isInstanceOf(CollectorUnavailableException.class).hasMessageContaining("no probe.targets configured");
        assertThatThrownBy(() -> probe("ftp://example.com/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void collectingAfterCloseFails() throws Exception {
        MetricCollector collector = probe("http://127.0.0.1:1/");
        collector.close();

        assertThatThrownBy(() -> collect(collector)).isInstanceOf(IllegalStateException.class);
    }
}
