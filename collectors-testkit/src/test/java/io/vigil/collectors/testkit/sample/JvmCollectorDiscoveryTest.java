package io.vigil.collectors.testkit.sample;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.SampleBuffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** What the runtime will do: find the plugin through ServiceLoader, create it, collect. */
class JvmCollectorDiscoveryTest {

    @Test
    void thePluginInTestSourcesIsFoundThroughMetaInfServicesAndCollects() throws Exception {
        MetricCollectorProvider provider = ServiceLoader.load(MetricCollectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jvm"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("jvm provider not discovered"));
        assertThat(provider).isInstanceOf(JvmCollectorProvider.class);

        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        try (MetricCollector collector = provider.create(CollectorContext.builder().property("interval", "30s").build())) {
            assertThat(collector.defaultInterval()).isEqualTo(Duration.ofSeconds(30));
            SampleBuffer buffer = new SampleBuffer(now, Labels.of("host", "app-1"));
            collector.collect(buffer);

            List<Sample> samples = buffer.drain();
            assertThat(samples).extracting(Sample::metric).contains("jvm_heap_used_bytes", "jvm_threads");
            assertThat(samples).allSatisfy(s -> {
                assertThat(s.timestamp()).isEqualTo(now);
                assertThat(s.labels().get("host")).isEqualTo("app-1");
            });
            Sample live = samples.stream().filter(s -> s.labels().equals(Labels.of("host", "app-1", "kind", "live")))
                    .findFirst().orElseThrow();
            assertThat(live.value()).isGreaterThanOrEqualTo(1); // this very thread is alive
        }
    }
}
