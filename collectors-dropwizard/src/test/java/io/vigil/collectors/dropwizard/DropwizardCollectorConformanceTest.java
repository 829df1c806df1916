package io.vigil.collectors.dropwizard;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SharedMetricRegistries;
import com.codahale.metrics.Timer;
import com.codahale.metrics.UniformReservoir;
import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.testkit.MetricCollectorConformanceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge, created through ServiceLoader's provider from a named shared registry, against the
 * kit. The application keeps working between collections: requests are timed, orders marked.
 */
class DropwizardCollectorConformanceTest extends MetricCollectorConformanceTest {
    private static final String REGISTRY = "conformance-registry";
    private final ManualTicker ticker = new ManualTicker();
    private final AtomicInteger requests = new AtomicInteger();
    private Timer responseTime;
    private Meter orders;

    @BeforeEach
    void application() {
        MetricRegistry registry = SharedMetricRegistries.getOrCreate(REGISTRY);
        responseTime = registry.register("response_time", new Timer(new UniformReservoir(), ticker));
        orders = registry.register("orders", new Meter(ticker));
        registry.counter("db_connections").inc(12);
        registry.histogram("batch_size").update(40);
        registry.gauge("error_rate", () -> () -> 100.0 * requests.get() / Math.max(1, requests.get() + 3));
        registry.gauge("build_info", () -> () -> "1.2.3"); // not a number: skipped, counted in health
        registry.gauge("hit_ratio", () -> () -> 0.0 / 0.0); // NaN: must never reach the sink
    }

    @AfterEach
    void forgetApplication() {
        SharedMetricRegistries.remove(REGISTRY);
    }

    @Override
    protected MetricCollectorProvider provider() {
        return new DropwizardCollectorProvider();
    }

    @Override
    protected CollectorContext context() {
        return CollectorContext.builder().clock(clock()).hostLabels(Labels.of("host", "app-1"))
                .property("registry", REGISTRY).build();
    }

    @Override
    protected void betweenCollections(MetricCollector collector) {
        super.betweenCollections(collector);
        int n = requests.incrementAndGet();
        responseTime.update(Duration.ofMillis(100L * n));
        orders.mark(n);
        ticker.advance(collector.defaultInterval());
    }
}
