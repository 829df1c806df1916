package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.testkit.MetricCollectorConformanceTest;
import org.junit.jupiter.api.BeforeEach;

/** The GPU collector passes the plugin conformance kit against two fake GPUs behind the real JNA boundary. */
class GpuCollectorConformanceTest extends MetricCollectorConformanceTest {

    @BeforeEach
    void twoGpus() {
        FakeNvml.reset().devices(2);
    }

    @Override
    protected MetricCollectorProvider provider() {
        return new GpuCollectorProvider();
    }

    @Override
    protected CollectorContext context() {
        return CollectorContext.builder()
                .clock(clock())
                .hostLabels(Labels.of("host", "conformance-host"))
                .property("library", FakeNvml.LIBRARY)
                .build();
    }
}
