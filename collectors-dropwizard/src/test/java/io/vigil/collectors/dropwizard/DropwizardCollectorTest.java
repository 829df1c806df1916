package io.vigil.collectors.dropwizard;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.RatioGauge;
import com.codahale.metrics.Timer;
import com.codahale.metrics.UniformReservoir;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.SampleBuffer;
import io.vigil.alerting.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class DropwizardCollectorTest {
    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");

    private final MetricRegistry registry = new MetricRegistry();
    private final ManualTicker ticker = new ManualTicker();
    private final ManualClock clock = new ManualClock(NOW);
    private final CollectorHealth health = new CollectorHealth(clock);

    private DropwizardCollector.Builder bridge() {
        return DropwizardCollector.builder(registry).health(health);
    }

    /** One collection, by metric name (each name is reported once). */
    private static Map<String, Double> collect(DropwizardCollector collector) {
        SampleBuffer buffer = new SampleBuffer(NOW, Labels.of("host", "app-1"));
        collector.collect(buffer);
        Map<String, Double> values = new TreeMap<>();
        for (Sample s : buffer.drain()) {
            assertThat(s.labels()).isEqualTo(Labels.of("host", "app-1"));
            assertThat(values.put(s.metric(), s.value())).as("%s reported twice", s.metric()).isNull();
        }
        return values;
    }

    @Test
    void aRealTimerGivesCountRateAndMillisecondStatistics() {
        Timer timer = registry.register("response_time", new Timer(new UniformReservoir(), ticker));
        for (int ms = 100; ms <= 1_000; ms += 100) {
            Timer.Context running = timer.time();
            ticker.advance(Duration.ofMillis(ms));
            running.stop();
        }
        Map<String, Double> v = collect(bridge().build());

        assertThat(v).containsOnlyKeys("response_time_count", "response_time_rate_m1", "response_time_ms_mean",
                "response_time_ms_p50", "response_time_ms_p95", "response_time_ms_p99", "response_time_ms_max");
        assertThat(v.get("response_time_count")).isEqualTo(10.0);
        assertThat(v.get("response_time_ms_mean")).isCloseTo(550.0, within(1e-9));
        assertThat(v.get("response_time_ms_p50")).isCloseTo(550.0, within(1e-9));
        assertThat(v.get("response_time_ms_p95")).isCloseTo(1_000.0, within(1e-9));
        assertThat(v.get("response_time_ms_p99")).isCloseTo(1_000.0, within(1e-9));
        assertThat(v.get("response_time_ms_max")).isCloseTo(1_000.0, within(1e-9));
        // The moving average ticks every 5 s: the tenth event (at 5.5 s) came after the first tick,
        // which therefore counted 9 events over 5 s.
        assertThat(v.get("response_time_rate_m1")).isCloseTo(9 / 5.0, within(1e-9));
    }

    @Test
    void aTimerAlreadyNamedInMillisecondsIsNotSuffixedTwice() {
        Timer timer = registry.register("query_execution_time_ms", new Timer(new UniformReservoir(), ticker));
        timer.update(Duration.ofMillis(5_200));
        Map<String, Double> v = collect(bridge().build());
        assertThat(v).containsKeys("query_execution_time_count", "query_execution_time_ms_p95")
                .doesNotContainKey("query_execution_time_ms_ms_p95");
        assertThat(v.get("query_execution_time_ms_max")).isCloseTo(5_200.0, within(1e-9));
    }

    @Test
    void anEmptyTimerOrHistogramReportsItsCountButNoStatistics() {
        registry.register("idle_timer", new Timer(new UniformReservoir(), ticker));
        registry.register("idle_sizes", new Histogram(new UniformReservoir()));
        Map<String, Double> v = collect(bridge().build());
        assertThat(v).containsOnly(entry("idle_timer_count", 0.0), entry("idle_timer_rate_m1", 0.0), entry("idle_sizes_count", 0.0));
    }

    @Test
    void aHistogramKeepsItsOwnUnit() {
        Histogram sizes = registry.histogram("batch_size", () -> new Histogram(new UniformReservoir()));
        for (int i = 1; i <= 100; i++) {
            sizes.update(i);
        }
        Map<String, Double> v = collect(bridge().build());
        assertThat(v.get("batch_size_count")).isEqualTo(100.0);
        assertThat(v.get("batch_size_mean")).isCloseTo(50.5, within(1e-9));
        assertThat(v.get("batch_size_p50")).isCloseTo(50.5, within(1e-9));
        assertThat(v.get("batch_size_p95")).isCloseTo(95.95, within(1e-9));
        assertThat(v.get("batch_size_p99")).isCloseTo(99.99, within(1e-9));
        assertThat(v.get("batch_size_max")).isEqualTo(100.0);
    }

    @Test
    void aMeterGivesCountAndRatesPerSecond() {
        Meter orders = registry.register("orders", new Meter(ticker));
        DropwizardCollector c = bridge().build();
        orders.mark(10);
        assertThat(collect(c)).as("no time passed: no mean rate yet").doesNotContainKey("orders_rate_mean")
                .containsEntry("orders_count", 10.0);

        ticker.advance(Duration.ofSeconds(8));
        Map<String, Double> v = collect(c);
        assertThat(v.get("orders_count")).isEqualTo(10.0);
        assertThat(v.get("orders_rate_mean")).isCloseTo(10 / 8.0, within(1e-9));
        assertThat(v.get("orders_rate_m1")).isCloseTo(2.0, within(1e-9)); // first 5-second tick: 10 events / 5 s
        assertThat(v.get("orders_rate_m5")).isCloseTo(2.0, within(1e-9));
        assertThat(v.get("orders_rate_m15")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void countersAndNumericGaugesAreReportedUnderTheirOwnNames() {
        registry.counter("db_connections").inc(42);
        registry.register("error_rate", (Gauge<Double>) () -> 5.5);
        registry.register("queue.size", (Gauge<Integer>) () -> 7);
        registry.register("heap.bytes", (Gauge<Long>) () -> 1L << 33);
        assertThat(collect(bridge().build())).containsOnly(
                entry("db_connections", 42.0), entry("error_rate", 5.5), entry("queue.size", 7.0), entry("heap.bytes", (double) (1L << 33)));
    }

    @Test
    void gaugesThatAreNotFiniteNumbersAreSkippedAndCountedInHealthUntilTheyRecover() {
        AtomicReference<Object> value = new AtomicReference<>("warming up");
        registry.register("cache.state", (Gauge<Object>) value::get);
        registry.register("hit.ratio", new RatioGauge() {
            @Override
            protected Ratio getRatio() {
                return Ratio.of(0, 0); // NaN: no requests yet
            }
        });
        registry.register("broken", (Gauge<Integer>) () -> {
            throw new IllegalStateException("pool closed");
        });
        registry.counter("requests").inc();
        DropwizardCollector c = bridge().build();

        assertThat(collect(c)).containsOnly(entry("requests", 1.0));
        collect(c);
        assertThat(health.problems()).containsOnlyKeys("gauge cache.state", "gauge hit.ratio", "gauge broken");
        assertThat(health.problems().get("gauge cache.state").count()).isEqualTo(2);
        assertThat(health.problems().get("gauge cache.state").message()).contains("java.lang.String");
        assertThat(health.problems().get("gauge hit.ratio").message()).contains("NaN");
        assertThat(health.problems().get("gauge broken").message()).contains("pool closed");

        value.set(3);
        registry.remove("broken");
        assertThat(collect(c)).containsEntry("cache.state", 3.0);
        assertThat(health.problems()).containsOnlyKeys("gauge hit.ratio");
    }

    @Test
    void prefixAndFilterChooseAndRenameMetrics() {
        registry.counter("http.requests").inc(3);
        registry.counter("jvm.threads").inc(20);
        DropwizardCollector c = bridge().prefix("shop_").filter(MetricFilter.startsWith("http.")).build();
        assertThat(collect(c)).containsOnly(entry("shop_http.requests", 3.0));
    }

    @Test
    void namesAreSanitisedIntoValidMetricNames() {
        registry.counter("http requests/sec").inc();
        registry.counter("2xx.responses").inc();
        registry.counter("größe").inc();
        assertThat(collect(bridge().build())).containsOnlyKeys("http_requests_sec", "_2xx.responses", "gr__e");
    }

    @Test
    void twoMetricsWithTheSameNameAreReportedOnceAndTheClashIsRecorded() {
        registry.counter("a b").inc(1);
        registry.counter("a_b").inc(2);
        assertThat(collect(bridge().build())).containsOnly(entry("a_b", 1.0)); // "a b" sorts first
        assertThat(health.problems()).containsOnlyKeys("name a_b");
        assertThat(health.problems().get("name a_b").message()).contains("'a_b'");
    }

    @Test
    void theSeedsApplicationMetricsComeOutUnderPredictableNames() {
        registry.register("response_time", new Timer(new UniformReservoir(), ticker)).update(2_500, TimeUnit.MILLISECONDS);
        registry.register("error_rate", (Gauge<Double>) () -> 6.0);
        registry.counter("db_connections").inc(120);
        registry.register("query_execution_time", new Timer(new UniformReservoir(), ticker)).update(Duration.ofSeconds(6));
        Map<String, Double> v = collect(bridge().build());
        assertThat(v).containsEntry("response_time_ms_p95", 2_500.0)
                .containsEntry("error_rate", 6.0)
                .containsEntry("db_connections", 120.0)
                .containsEntry("query_execution_time_ms_mean", 6_000.0);
    }

    @Test
    void aClosedBridgeRefusesToCollect() {
        DropwizardCollector c = bridge().build();
        c.close();
        c.close();
        assertThatThrownBy(() -> collect(c)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theBuilderChecksWhatItIsGiven() {
        DropwizardCollector plain = DropwizardCollector.builder(registry).build();
        assertThat(plain.name()).isEqualTo("dropwizard");
        assertThat(plain.defaultInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plain.health().isHealthy()).isTrue();
        DropwizardCollector named = bridge().name("billing-metrics").interval(Duration.ofSeconds(30)).build();
        assertThat(named.name()).isEqualTo("billing-metrics");
        assertThat(named.defaultInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(named.health()).isSameAs(health);
        assertThatThrownBy(() -> bridge().interval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bridge().name(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DropwizardCollector.builder(null)).isInstanceOf(NullPointerException.class);
    }
}
