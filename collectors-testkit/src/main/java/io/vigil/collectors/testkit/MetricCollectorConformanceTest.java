package io.vigil.collectors.testkit;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.MetricNames;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

/**
 * The checks every {@link MetricCollector} plugin must pass. Extend it in your tests, return your
 * provider, and, if your collector needs configuration, a context:
 *
 * <pre>{@code
 * class QueueCollectorConformanceTest extends MetricCollectorConformanceTest {
 *     protected MetricCollectorProvider provider() {
 *         return new QueueCollectorProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Each check creates its own collector from {@link #provider()} and {@link #context()} and closes
 * it afterwards. Collections go into the runtime's own sink ({@link io.vigil.collectors.SampleBuffer}),
 * which adds the host labels and refuses NaN, infinite values and invalid metric names; a refusal
 * fails the check even when the collector catches it. Between two collections the kit moves
 * {@link #clock()} on by the collector's default interval (see {@link #betweenCollections}).
 *
 * <p>A provider that throws {@link CollectorUnavailableException} (no GPU on this machine) makes
 * every check that needs a collector <em>skipped</em>, with the reason, rather than failed.
 *
 * <p>Every check is a public method, so a test can also call one directly.
 */
public abstract class MetricCollectorConformanceTest {

    /** Provider names prefix configuration keys ({@code gpu.interval}), so they hold no dot or space. */
    private static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final int COLLECTIONS_FOR_CONSISTENCY = 3;

    private final ManualClock clock = new ManualClock(START);
    private final List<MetricCollector> opened = new ArrayList<>();
    private CollectorContext context;

    /** The provider under test, as {@code ServiceLoader} would create it. */
    protected abstract MetricCollectorProvider provider();

    /**
     * The context collectors are created with. By default: no properties, {@link #clock()}, and a
     * {@code host} label. Override to add properties; keep {@link #clock()} so the kit can move time.
     */
    protected CollectorContext context() {
        return CollectorContext.builder()
                .clock(clock)
                .hostLabels(Labels.of("host", "conformance-host"))
                .build();
    }

    /** The clock of the default {@link #context()}; it starts at 2025-01-01T00:00:00Z. */
    protected final ManualClock clock() {
        return clock;
    }

    /** How many times {@link #survivesRepeatedCollection()} collects. */
    protected int repeatedCollections() {
        return 20;
    }

    /**
     * Whether the collector emits at least one sample over {@link #repeatedCollections()} collections
     * in this test's environment. Override to return {@code false} only for a collector that
     * rightly has nothing to report here.
     */
    protected boolean emitsSamples() {
        return true;
    }

    /**
     * Runs between two collections of the same collector: moves {@link #clock()} on by the
     * collector's default interval. Override to also change what the collector reads (call super).
     */
    protected void betweenCollections(MetricCollector collector) {
        clock.advance(collector.defaultInterval());
    }

    // ----------------------------------------------------------------------------------------
    // The checks

    @Test
    public void providerIsListedInMetaInfServices() {
        MetricCollectorProvider provider = provider();
        Class<?> type = provider.getClass();
        ServiceLoader<MetricCollectorProvider> loader = ServiceLoader.load(MetricCollectorProvider.class, type.getClassLoader());
        List<ServiceLoader.Provider<MetricCollectorProvider>> listed = loader.stream()
                .filter(p -> p.type() == type)
                .collect(Collectors.toList());
        assertThat(listed)
                .as("%s is not found by ServiceLoader: list it in META-INF/services/%s",
                        type.getName(), MetricCollectorProvider.class.getName())
                .hasSize(1);
        assertThat(listed.get(0).get().name())
                .as("name of the provider ServiceLoader creates")
                .isEqualTo(provider.name());
    }

    @Test
    public void providerNameIsAUsableConfigurationPrefix() {
        String name = provider().name();
        assertThat(name)
                .as("provider name '%s' prefixes configuration keys: letters, digits, '_' and '-' only", name)
                .isNotNull()
                .matches(PROVIDER_NAME);
        assertThat(provider().name()).as("provider name asked twice").isEqualTo(name);
    }

    @Test
    public void collectorIsNamedLikeItsProviderAndKeepsItsName() throws Exception {
        MetricCollector collector = openCollector();
        String name = collector.name();
        assertThat(name).as("collector name").isNotBlank().isEqualTo(provider().name());
        collect(collector);
        assertThat(collector.name()).as("collector name after a collection").isEqualTo(name);
        collector.close();
        assertThat(collector.name()).as("collector name after close").isEqualTo(name);
    }

    @Test
    public void defaultIntervalIsPositive() {
        MetricCollector collector = openCollector();
        Duration interval = collector.defaultInterval();
        assertThat(interval).as("default interval").isNotNull();
        assertThat(interval.isNegative() || interval.isZero())
                .as("default interval %s must be positive", interval)
                .isFalse();
    }

    @Test
    public void metricNamesAreValidAndEachMetricKeepsItsLabelNames() throws Exception {
        MetricCollector collector = openCollector();
        Map<String, Set<String>> labelNamesByMetric = new HashMap<>();
        for (int i = 0; i < COLLECTIONS_FOR_CONSISTENCY; i++) {
            if (i > 0) {
                betweenCollections(collector);
            }
            CheckingSink sink = collect(collector);
            assertThat(sink.refusals().stream().filter(r -> !r.nonFinite()).collect(Collectors.toList()))
                    .as("readings the sink refused in collection %d", i + 1)
                    .isEmpty();
            for (Sample s : sink.samples()) {
                assertThat(MetricNames.isValid(s.metric())).as("metric name '%s' is valid", s.metric()).isTrue();
                Set<String> names = labelNames(s.labels());
                Set<String> before = labelNamesByMetric.putIfAbsent(s.metric(), names);
                if (before != null && !before.equals(names)) {
                    fail("metric '%s' changed its label names from %s to %s (collection %d); every series of a metric"
                            + " must have the same label names", s.metric(), before, names, i + 1);
                }
            }
        }
    }

    @Test
    public void noSeriesIsReportedTwiceInOneCollection() throws Exception {
        MetricCollector collector = openCollector();
        for (int i = 0; i < COLLECTIONS_FOR_CONSISTENCY; i++) {
            if (i > 0) {
                betweenCollections(collector);
            }
            Set<String> seen = new HashSet<>();
            Set<String> twice = new TreeSet<>();
            for (Sample s : collect(collector).samples()) {
                String series = s.metric() + s.labels();
                if (!seen.add(series)) {
                    twice.add(series);
                }
            }
            assertThat(twice).as("series reported more than once in collection %d", i + 1).isEmpty();
        }
    }

    @Test
    public void neverOffersNonFiniteValues() throws Exception {
        MetricCollector collector = openCollector();
        for (int i = 0; i < COLLECTIONS_FOR_CONSISTENCY; i++) {
            if (i > 0) {
                betweenCollections(collector);
            }
            CheckingSink sink = collect(collector);
            assertThat(sink.refusals().stream().filter(CheckingSink.Refusal::nonFinite).collect(Collectors.toList()))
                    .as("NaN or infinite values offered in collection %d: leave an unreadable value out"
                            + " and record it in the collector's health", i + 1)
                    .isEmpty();
        }
    }

    @Test
    public void survivesRepeatedCollection() throws Exception {
        MetricCollector collector = openCollector();
        int total = 0;
        for (int i = 0; i < repeatedCollections(); i++) {
            if (i > 0) {
                betweenCollections(collector);
            }
            total += collect(collector, "collection " + (i + 1)).samples().size();
        }
        if (emitsSamples()) {
            assertThat(total)
                    .as("samples emitted in %d collections (override emitsSamples() if none is right here)",
                            repeatedCollections())
                    .isPositive();
        }
    }

    @Test
    public void collectingAfterCloseFailsCleanlyOrEmitsNothing() throws Exception {
        MetricCollector collector = openCollector();
        collect(collector);
        collector.close();
        betweenCollections(collector);
        CheckingSink sink = newSink();
        try {
            collector.collect(sink);
        } catch (IllegalStateException expected) {
            return;
        } catch (Exception | Error e) {
            throw new AssertionError("collect after close threw " + e
                    + "; expected an IllegalStateException or no samples", e);
        }
        assertThat(sink.samples()).as("samples emitted after close").isEmpty();
    }

    @Test
    public void closeIsIdempotent() throws Exception {
        MetricCollector used = openCollector();
        collect(used);
        assertThatCode(() -> {
            used.close();
            used.close();
        }).as("closing a used collector twice").doesNotThrowAnyException();

        MetricCollector unused = openCollector();
        assertThatCode(() -> {
            unused.close();
            unused.close();
        }).as("closing a collector that never collected, twice").doesNotThrowAnyException();
    }

    // ----------------------------------------------------------------------------------------
    // Helpers, also for subclasses' own tests

    /**
     * Creates a collector from {@link #provider()} and {@link #context()}; it is closed after the
     * test. Skips the test when the provider says the collector is unavailable here.
     */
    protected final MetricCollector openCollector() {
        context = context();
        MetricCollector collector;
        try {
            collector = provider().create(context);
        } catch (CollectorUnavailableException e) {
            return Assumptions.abort("collector '" + provider().name() + "' is unavailable here: " + e.reason());
        }
        assertThat(collector).as("%s.create(...)", provider().getClass().getName()).isNotNull();
        opened.add(collector);
        return collector;
    }

    /** Runs one collection into a fresh sink like the runtime's and returns what it kept. */
    protected final List<Sample> collectSamples(MetricCollector collector) throws Exception {
        return collect(collector).samples();
    }

    @AfterEach
    public final void closeOpenedCollectors() {
        for (MetricCollector c : opened) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closeIsIdempotent reports a collector that cannot be closed twice
            }
        }
        opened.clear();
    }

    private CheckingSink collect(MetricCollector collector) throws Exception {
        return collect(collector, "collection");
    }

    private CheckingSink collect(MetricCollector collector, String what) throws Exception {
        CheckingSink sink = newSink();
        try {
            collector.collect(sink);
        } catch (Exception e) {
            if (!sink.refusals().isEmpty()) {
                throw new AssertionError(what + " failed on a reading the sink refused: " + sink.refusals(), e);
            }
            throw new AssertionError(what + " threw " + e, e);
        }
        return sink;
    }

    private CheckingSink newSink() {
        Labels hostLabels = context != null ? context.hostLabels() : Labels.empty();
        return new CheckingSink(clock.instant(), hostLabels);
    }

    private static Set<String> labelNames(Labels labels) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < labels.size(); i++) {
            names.add(labels.nameAt(i));
        }
        return names;
    }
}
