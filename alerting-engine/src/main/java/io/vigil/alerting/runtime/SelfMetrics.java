package io.vigil.alerting.runtime;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.vigil.alerting.api.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vigil's own metrics in the host's Dropwizard {@link MetricRegistry}, all named {@code vigil.*}:
 * samples in and dropped (by reason), evaluations, transitions by kind, active alerts by severity,
 * collector latency and failures, listener and hand-off failures.
 */
final class SelfMetrics {
    static final String PREFIX = "vigil.";

    private final MetricRegistry registry;
    private final Counter samplesIn;
    private final Counter evaluations;
    private final Map<Severity, AtomicLong> activeBySeverity = new EnumMap<>(Severity.class);

    SelfMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.samplesIn = registry.counter(PREFIX + "samples.in");
        this.evaluations = registry.counter(PREFIX + "evaluations");
        for (Severity s : Severity.values()) {
            AtomicLong count = new AtomicLong();
            activeBySeverity.put(s, count);
            registry.gauge(PREFIX + "alerts.active." + s.wireName(), () -> (Gauge<Long>) count::get);
        }
    }

    MetricRegistry registry() {
        return registry;
    }

    void samplesIn(long n) {
        samplesIn.inc(n);
    }

    void samplesDropped(String reason, long n) {
        if (n > 0) {
            registry.counter(PREFIX + "samples.dropped." + reason).inc(n);
        }
    }

    void evaluation() {
        evaluations.inc();
    }

    void transition(String kind) {
        registry.counter(PREFIX + "transitions." + kind.toLowerCase(Locale.ROOT)).inc();
    }

    void setActiveAlerts(Map<Severity, Long> counts) {
        for (Severity s : Severity.values()) {
            activeBySeverity.get(s).set(counts.getOrDefault(s, 0L));
        }
    }

    void collectorLatency(String collector, Duration took) {
        registry.timer(PREFIX + "collector." + collector + ".latency").update(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    void collectorFailure(String collector) {
        registry.counter(PREFIX + "collector." + collector + ".failures").inc();
    }

    void failure(String what) {
        registry.counter(PREFIX + "failures." + what).inc();
    }
}
