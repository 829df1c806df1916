package io.vigil.alerting.runtime;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.SampleSink;

import java.time.Duration;

/** A plugin found through META-INF/services in the runtime's tests: emits {@code test_temperature}. */
public final class TestCollectorProvider implements MetricCollectorProvider {
    @Override
    public String name() {
        return "testtemp";
    }

    @Override
    public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
        double value = Double.parseDouble(context.property("value").orElseThrow(
                () -> new CollectorUnavailableException("testtemp.value is not configured")));
        Labels host = context.hostLabels();
        return new MetricCollector() {
            @Override
            public String name() {
                return "testtemp";
            }

            @Override
            public Duration defaultInterval() {
                return Duration.ofSeconds(15);
            }

            @Override
            public void collect(SampleSink sink) {
                sink.accept("test_temperature", value, host.with("sensor", "inlet"));
            }
        };
    }
}
