package io.vigil.collectors.dropwizard;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a host application's Dropwizard {@link MetricRegistry} and reports what it holds, so a
 * service can alert on its own timers and counters without writing a collector.
 *
 * <pre>{@code
 * MetricCollector bridge = DropwizardCollector.builder(registry)
 *         .prefix("shop_")
 *         .filter(MetricFilter.startsWith("http."))
 *         .build();
 * }</pre>
 *
 * <p>Names ({@code <base>} is the prefix plus the Dropwizard name, with every character a metric
 * name cannot hold turned into {@code _}):
 * <ul>
 *   <li>gauge: {@code <base>}, for numeric values only; anything else is skipped and counted in
 *       the health under {@code gauge <name>}</li>
 *   <li>counter: {@code <base>}</li>
 *   <li>meter: {@code <base>_count}, {@code <base>_rate_mean}, {@code <base>_rate_m1},
 *       {@code <base>_rate_m5}, {@code <base>_rate_m15} (events per second)</li>
 *   <li>histogram: {@code <base>_count}, and once it holds a value {@code <base>_mean},
 *       {@code <base>_p50}, {@code <base>_p95}, {@code <base>_p99}, {@code <base>_max}</li>
 *   <li>timer (the base without a trailing {@code _ms}): {@code <base>_count},
 *       {@code <base>_rate_m1}, and once it holds a value {@code <base>_ms_mean},
 *       {@code <base>_ms_p50}, {@code <base>_ms_p95}, {@code <base>_ms_p99}, {@code <base>_ms_max}
 *       in milliseconds</li>
 * </ul>
 * Samples carry no labels of their own; the runtime's sink adds the host labels. Two metrics
 * that end up with the same name are reported once, and the clash is recorded in the health.
 */
public final class DropwizardCollector implements MetricCollector {
    static final String DEFAULT_NAME = "dropwizard";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final String name;
    private final MetricRegistry registry;
    private final String prefix;
    private final MetricFilter filter;
    private final Duration interval;
    private final CollectorHealth health;
    /** Health components this collector reported last time, so that the ones gone can be cleared. */
    private Set<String> reported = Set.of();
    private volatile boolean closed;

    private DropwizardCollector(Builder b) {
        this.name = b.name;
        this.registry = b.registry;
        this.prefix = b.prefix;
        this.filter = b.filter;
        this.interval = b.interval;
        this.health = b.health != null ? b.health : new CollectorHealth(Clock.systemUTC());
    }

    /** A bridge for {@code registry}: all its metrics, no prefix, every 10 seconds. */
    public static Builder builder(MetricRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration defaultInterval() {
        return interval;
    }

    /** Gauges that are not numbers, name clashes, and metrics that failed to read. */
    public CollectorHealth health() {
        return health;
    }

    @Override
    public void collect(SampleSink sink) {
        if (closed) {
            throw new IllegalStateException("the " + name + " collector is closed");
        }
        Collection collection = new Collection(sink);
        registry.getGauges(filter).forEach(collection::gauge);
        registry.getCounters(filter).forEach(collection::counter);
        registry.getMeters(filter).forEach(collection::meter);
        registry.getHistograms(filter).forEach(collection::histogram);
        registry.getTimers(filter).forEach(collection::timer);
        collection.finish();
    }

    @Override
    public void close() {
        closed = true; // the registry belongs to the application; nothing of ours to release
    }

    /** One collection: the names used so far and the problems met. */
    private final class Collection {
        private final SampleSink sink;
        private final Set<String> emitted = new HashSet<>();
        private final Set<String> problems = new HashSet<>();

        Collection(SampleSink sink) {
            this.sink = sink;
        }

        void gauge(String dropwizardName, Gauge<?> gauge) {
            String component = "gauge " + dropwizardName;
            Object value;
            try {
                value = gauge.getValue();
            } catch (RuntimeException e) {
                problem(component, "reading it threw " + e);
                return;
            }
            if (!(value instanceof Number)) {
                problem(component, "not a number: " + (value == null ? "null" : value.getClass().getName()));
                return;
            }
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                problem(component, "not a finite number: " + number);
                return;
            }
            String base = base(dropwizardName);
            if (base != null) {
                emit(dropwizardName, base, number);
            }
        }

        void counter(String dropwizardName, Counter counter) {
            String base = base(dropwizardName);
            if (base != null) {
                emit(dropwizardName, base, counter.getCount());
            }
        }

        void meter(String dropwizardName, Meter meter) {
            String base = base(dropwizardName);
            if (base == null) {
                return;
            }
            emit(dropwizardName, base + "_count", meter.getCount());
            emit(dropwizardName, base + "_rate_mean", meter.getMeanRate());
            emit(dropwizardName, base + "_rate_m1", meter.getOneMinuteRate());
            emit(dropwizardName, base + "_rate_m5", meter.getFiveMinuteRate());
            emit(dropwizardName, base + "_rate_m15", meter.getFifteenMinuteRate());
        }

        void histogram(String dropwizardName, Histogram histogram) {
            String base = base(dropwizardName);
            if (base != null) {
                emit(dropwizardName, base + "_count", histogram.getCount());
                statistics(dropwizardName, base, histogram.getSnapshot(), 1.0);
            }
        }

        void timer(String dropwizardName, Timer timer) {
            String base = base(dropwizardName);
            if (base == null) {
                return;
            }
            String stem = DropwizardNames.timerStem(base);
            emit(dropwizardName, stem + "_count", timer.getCount());
            emit(dropwizardName, stem + "_rate_m1", timer.getOneMinuteRate());
            statistics(dropwizardName, stem + DropwizardNames.MILLIS, timer.getSnapshot(), NANOS_PER_MILLI);
        }

        /** Mean, p50, p95, p99 and max, each divided by {@code unit}; nothing for an empty snapshot (a mean of nothing is not 0). */
        private void statistics(String dropwizardName, String base, Snapshot snapshot, double unit) {
            if (snapshot.size() == 0) {
                return;
            }
            emit(dropwizardName, base + "_mean", snapshot.getMean() / unit);
            emit(dropwizardName, base + "_p50", snapshot.getMedian() / unit);
            emit(dropwizardName, base + "_p95", snapshot.get95thPercentile() / unit);
            emit(dropwizardName, base + "_p99", snapshot.get99thPercentile() / unit);
            emit(dropwizardName, base + "_max", snapshot.getMax() / unit);
        }

        private String base(String dropwizardName) {
            String base = DropwizardNames.base(prefix, dropwizardName);
            if (base == null) {
                problem("name '" + dropwizardName + "'", "no usable metric name");
            }
            return base;
        }

        /**
         * Reports one value. A non-finite derived value (a meter's mean rate before any time has
         * passed) is simply not reported yet.
         */
        private void emit(String dropwizardName, String metric, double value) {
            if (!Double.isFinite(value)) {
                return;
            }
            if (!emitted.add(metric)) {
                problem("name " + metric, "'" + dropwizardName + "' maps to a name already reported; left out");
                return;
            }
            sink.accept(metric, value, Labels.empty());
        }

        private void problem(String component, String message) {
            health.problem(component, message);
            problems.add(component);
        }

        /** Clears the problems of the previous collection that did not happen again. */
        void finish() {
            for (String component : reported) {
                if (!problems.contains(component)) {
                    health.clear(component);
                }
            }
            reported = Set.copyOf(problems);
        }
    }

    /** Configures a {@link DropwizardCollector}. */
    public static final class Builder {
        private final MetricRegistry registry;
        private String name = DEFAULT_NAME;
        private String prefix = "";
        private MetricFilter filter = MetricFilter.ALL;
        private Duration interval = DEFAULT_INTERVAL;
        private CollectorHealth health;

        private Builder(MetricRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Put before every name, e.g. {@code shop_} (default: none). */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Which of the registry's metrics to report, e.g. {@code MetricFilter.startsWith("http.")} (default: all). */
        public Builder filter(MetricFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** How often to collect (default 10 seconds). */
        public Builder interval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** The collector's name in health and self-metrics (default {@code dropwizard}); give each bridged registry its own. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a collector name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Where to record problems (default: a health record of the collector's own, see {@link DropwizardCollector#health()}). */
        public Builder health(CollectorHealth health) {
            this.health = Objects.requireNonNull(health, "health");
            return this;
        }

        public DropwizardCollector build() {
            return new DropwizardCollector(this);
        }
    }
}
