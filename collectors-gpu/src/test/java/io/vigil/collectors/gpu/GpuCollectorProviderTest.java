package io.vigil.collectors.gpu;

import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GpuCollectorProviderTest {
    private final CollectorHealth health = new CollectorHealth(Clock.systemUTC());
    private final GpuCollectorProvider provider = new GpuCollectorProvider();
    private FakeNvml fake;

    @BeforeEach
    void resetFake() {
        fake = FakeNvml.reset();
    }

    private String unavailableReason(CollectorContext context) {
        return catchThrowableOfType(CollectorUnavailableException.class, () -> provider.create(context)).reason();
    }

    @Test
    void theProviderIsFoundByServiceLoaderAsGpu() {
        assertThat(ServiceLoader.load(MetricCollectorProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(GpuCollectorProvider.class);
                    assertThat(p.name()).isEqualTo("gpu");
                });
    }

    @Test
    void createsAWorkingCollectorNamedGpu() throws Exception {
        try (MetricCollector collector = provider.create(FakeNvml.context(health).property("interval", "30s").build())) {
            assertThat(collector.name()).isEqualTo("gpu");
            assertThat(collector.defaultInterval()).isEqualTo(Duration.ofSeconds(30));
            RecordingSink sink = new RecordingSink(Clock.systemUTC());
            collector.collect(sink);
            assertThat(sink.value(GpuMetrics.POWER, "0")).isEqualTo(90.603);
        }
        assertThat(fake.initCount()).isZero();
    }

    @Test
    void theIntervalDefaultsToTenSeconds() throws Exception {
        try (MetricCollector collector = provider.create(FakeNvml.context(health).build())) {
            assertThat(collector.defaultInterval()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void aMissingLibraryMakesTheCollectorUnavailable() {
        String reason = unavailableReason(CollectorContext.builder()
                .property("library", "/nonexistent/libnvidia-ml.so.1").build());

        assertThat(reason).startsWith("NVML library '/nonexistent/libnvidia-ml.so.1' cannot be loaded")
                .doesNotContain("\n");
    }

    @Test
    void withoutConfigurationItLooksForTheDriversLibrary() throws Exception {
        CollectorContext context = CollectorContext.builder().build();
        try {
            provider.create(context).close(); // a machine with an NVIDIA driver
        } catch (CollectorUnavailableException e) {
            assertThat(e.reason()).contains("'" + GpuCollector.DEFAULT_LIBRARY + "'");
        }
    }

    @Test
    void aLibraryThatIsNotNvmlMakesTheCollectorUnavailable() {
        String reason = unavailableReason(CollectorContext.builder().property("library", "libc.so.6").build());

        assertThat(reason).startsWith("'libc.so.6' is not a usable NVML library").contains("nvmlInit_v2");
    }

    @Test
    void anInitFailureMakesTheCollectorUnavailableWithNvmlsReason() {
        fake.initReturns(FakeNvml.DRIVER_NOT_LOADED);

        String reason = unavailableReason(FakeNvml.context(health).build());

        assertThat(reason).startsWith("NVML initialisation failed").endsWith("Driver Not Loaded (NVML error 9)");
        assertThat(fake.initCount()).isZero();
    }

    @Test
    void badConfigurationMakesTheCollectorUnavailableWithoutTouchingNvml() {
        assertThat(unavailableReason(FakeNvml.context(health).property("binding", "jni").build()))
                .isEqualTo("gpu.binding must be 'direct' or 'interface', was 'jni'");
        assertThat(unavailableReason(FakeNvml.context(health).property("interval", "soon").build()))
                .contains("interval").contains("soon");
        assertThat(fake.calls("nvmlInit_v2")).isZero();
    }

    @Test
    void collectingAfterCloseIsAnError() throws Exception {
        MetricCollector collector = provider.create(FakeNvml.context(health).build());
        collector.close();
        assertThatThrownBy(() -> collector.collect(new RecordingSink(Clock.systemUTC())))
                .isInstanceOf(IllegalStateException.class);
    }
}
