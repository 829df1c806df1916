package io.vigil.collectors.system;

import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.testkit.MetricCollectorConformanceTest;

/** The real system collector, on this machine, against the conformance kit. */
class SystemCollectorConformanceTest extends MetricCollectorConformanceTest {
    @Override
    protected MetricCollectorProvider provider() {
        return new SystemCollectorProvider();
    }
}
