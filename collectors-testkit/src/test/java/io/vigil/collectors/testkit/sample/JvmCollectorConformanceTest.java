package io.vigil.collectors.testkit.sample;

import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.testkit.MetricCollectorConformanceTest;

/** The sample plugin passes the kit, the way a plugin author's test would be written. */
class JvmCollectorConformanceTest extends MetricCollectorConformanceTest {
    @Override
    protected MetricCollectorProvider provider() {
        return new JvmCollectorProvider();
    }
}
