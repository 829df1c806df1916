package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpmiCollectorProviderTest {

    @TempDir
    Path tmp;

    private static MetricCollectorProvider provider() {
        return ServiceLoader.load(MetricCollectorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("ipmi")).findFirst().orElseThrow();
    }

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(provider()).isInstanceOf(IpmiCollectorProvider.class);
    }

    @Test
    void createsAWorkingCollectorFromProperties() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        TestClock clock = new TestClock();
        CollectorHealth health = new CollectorHealth(clock);
        CollectorContext context = CollectorContext.builder().clock(clock).health(health)
                .hostLabels(Labels.of("host", "vigil-1"))
                .properties(Map.of("targets", "node1,gone", "tool", "freeipmi",
                        "ipmiSensorsPath", tools.ipmiSensors.toString(), "ipmiDcmiPath", tools.ipmiDcmi.toString(),
                        "user", "admin", "password", "vigil-sim", "interval", "15s",
                        "target.node1.host", "bmc1.test", "target.gone.host", "down.test"))
                .build();

        try (MetricCollector collector = provider().create(context)) {
            assertThat(collector.name()).isEqualTo("ipmi");
            assertThat(collector.defaultInterval()).isEqualTo(Duration.ofSeconds(15));
            RecordingSink sink = new RecordingSink(clock);
            collector.collect(sink);

            assertThat(sink.value("ipmi_up", "node", "node1", "host", "vigil-1")).isEqualTo(1.0);
            assertThat(sink.value("ipmi_up", "node", "gone")).isEqualTo(0.0);
            assertThat(health.problems()).as("the context's health record is the collector's").containsOnlyKeys("target gone");
        }
    }

    @Test
    void invalidPropertiesAreErrorsWithCodes() {
        CollectorContext context = CollectorContext.builder().properties(Map.of("targets", "a", "target.a.port", "x")).build();

        assertThatThrownBy(() -> provider().create(context)).isInstanceOf(AlertingException.class)
                .hasMessageContaining("target.a.port");
    }
}
