package io.vigil.alerting.runtime;

import com.codahale.metrics.MetricRegistry;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.engine.EngineCounters;
import io.vigil.alerting.engine.EngineSettings;
import io.vigil.alerting.engine.Evaluator;
import io.vigil.alerting.engine.RuleEvaluation;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.store.InMemoryAlertStore;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Vigil embedded in a host application: rules, metrics in, alert records and notifications out.
 *
 * <pre>{@code
 * Alerting alerting = Alerting.builder()
 *     .store(new InMemoryAlertStore())
 *     .notifications(dispatcher::dispatch)
 *     .build();
 * alerting.start();
 * alerting.rules().create(cpuRule, Actor.of("ops"));
 * alerting.record("response_time_ms", 2300, Labels.of("service", "api"));
 * }</pre>
 *
 * <p>Threads: samples may be recorded from any thread; they are queued and evaluated by the
 * runtime's ticker (every {@code tickInterval}), or by whoever calls {@link #tick()}. Tests build
 * an instance with a manual clock, never call {@link #start()}, and call {@link #tick()} after
 * moving the clock, so nothing runs behind their back. Two instances share nothing.
 */
public final class Alerting implements AutoCloseable {
    private final Clock clock;
    private final AlertStore store;
    private final SelfMetrics metrics;
    private final Listeners listeners;
    private final LatestSamples latest;
    private final RuleRegistry rules;
    private final AlertRecords records;
    private final EvaluationLoop evaluation;
    private final CollectionLoop collection;
    private final ExecutorService collectorPool;
    private final boolean ownsCollectorPool;
    private final Duration tickInterval;
    private final Duration checkpointInterval;
    private final Duration retention;
    private final Duration purgeInterval;
    private final ZoneId statisticsZone;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService ticker;
    private boolean started;
    private boolean closed;
    private Instant lastCheckpoint;
    private Instant lastPurge;
    private Instant lastGaugeRefresh;

    private Alerting(Builder b) {
        this.clock = b.clock;
        this.store = b.store;
        this.metrics = new SelfMetrics(b.metricRegistry);
        this.listeners = new Listeners();
        b.listeners.forEach(listeners::add);
        this.latest = new LatestSamples(b.maxLatestSeries);
        this.tickInterval = b.tickInterval;
        this.checkpointInterval = b.checkpointInterval;
        this.retention = b.retention;
        this.purgeInterval = b.purgeInterval;
        this.statisticsZone = b.statisticsZone;
        Evaluator evaluator = new Evaluator(b.engineSettings);
        // The evaluation loop and the record service refer to each other through these late-bound hooks.
        EvaluationLoop[] loop = new EvaluationLoop[1];
        this.records = new AlertRecords(store, clock, listeners, r -> loop[0].humanChanged(r));
        this.evaluation = new EvaluationLoop(evaluator, clock, store, records, b.handoff, metrics, latest,
                b.recordIds, b.queueCapacity);
        loop[0] = evaluation;
        this.rules = new RuleRegistry(store, clock, b.ruleLimits, b.ruleIds, e -> {
            evaluation.ruleChanged(e);
            listeners.ruleChanged(e);
        });
        this.ownsCollectorPool = b.collectorPool == null;
        this.collectorPool = b.collectorPool != null ? b.collectorPool
                : Executors.newCachedThreadPool(daemonThreads("vigil-collector"));
        this.collection = new CollectionLoop(collectorPool, clock, evaluation::offer, metrics);
        for (CollectorSpec spec : b.collectors) {
            collection.add(spec.collector, spec.interval != null ? spec.interval : spec.collector.defaultInterval(),
                    b.collectorTimeout, spec.health, Labels.empty());
        }
        if (b.discoveryConfig != null) {
            discover(b.discoveryConfig, b.hostLabels, b.collectorTimeout);
        }
        evaluation.restore(rules.all(), store.loadEngineState());
        Instant now = clock.instant();
        this.lastCheckpoint = now;
        this.lastPurge = now;
        refreshActiveGauges(now);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** Starts the ticker thread that collects, evaluates, checkpoints and purges. Idempotent. */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                return;
            }
            started = true;
            ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("vigil-ticker"));
            long period = tickInterval.toMillis();
            ticker.scheduleWithFixedDelay(this::tickSafely, 0, period, TimeUnit.MILLISECONDS);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            metrics.failure("tick");
        }
    }

    /**
     * Does everything due at the clock's current time: starts due collections, evaluates queued
     * samples, advances hold times and timers, checkpoints and purges when due. The ticker calls it;
     * tests with a manual clock call it themselves.
     */
    public void tick() {
        Instant now = clock.instant();
        collection.runDue(now);
        evaluation.process();
        if (!now.isBefore(lastCheckpoint.plus(checkpointInterval))) {
            checkpoint();
        }
        if (!now.isBefore(lastPurge.plus(purgeInterval))) {
            purge();
        }
        if (lastGaugeRefresh == null || !now.isBefore(lastGaugeRefresh.plusSeconds(10))) {
            refreshActiveGauges(now);
        }
    }

    /** Saves the evaluator's state to the store now (also done every checkpoint interval and on close). */
    public void checkpoint() {
        store.saveEngineState(evaluation.checkpoint());
        lastCheckpoint = clock.instant();
    }

    /** Deletes records older than the retention period, in batches; returns how many. */
    public int purge() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int n;
        do {
            n = store.purgeRecords(cutoff, 1000);
            total += n;
        } while (n == 1000);
        lastPurge = clock.instant();
        return total;
    }

    private void refreshActiveGauges(Instant now) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, store.findRecords(new RecordQuery(Set.of(AlertStatus.ACTIVE), Set.of(s), null, null, null,
                    null, PageRequest.of(1, 1))).total());
        }
        metrics.setActiveAlerts(counts);
        lastGaugeRefresh = now;
    }

    /**
     * Stops collecting, evaluates what was already recorded, saves a checkpoint and releases
     * collectors and threads. Idempotent. The store is the caller's to close.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (ticker != null) {
                ticker.shutdown();
                try {
                    ticker.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            collection.awaitIdle(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        collection.close();
        evaluation.process();
        checkpoint();
        if (ownsCollectorPool) {
            collectorPool.shutdownNow();
        }
    }

    // ---- metrics in -------------------------------------------------------------------------

    /** Records a host-application metric now. Cheap: the sample is queued, not evaluated, here. */
    public boolean record(String metric, double value, Labels labels) {
        return evaluation.offer(Sample.of(metric, value, clock.millis(), labels));
    }

    /** Records a sample with its own timestamp. */
    public boolean record(Sample sample) {
        return evaluation.offer(Objects.requireNonNull(sample, "sample"));
    }

    /** Records many samples; returns how many were accepted (the rest were dropped: queue full). */
    public int recordAll(Collection<Sample> samples) {
        int accepted = 0;
        for (Sample s : samples) {
            if (evaluation.offer(s)) {
                accepted++;
            }
        }
        return accepted;
    }

    // ---- services ---------------------------------------------------------------------------

    public RuleRegistry rules() {
        return rules;
    }

    public AlertRecords records() {
        return records;
    }

    public AlertStore store() {
        return store;
    }

    public MetricRegistry metrics() {
        return metrics.registry();
    }

    public Clock clock() {
        return clock;
    }

    public void addListener(AlertListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(AlertListener listener) {
        listeners.remove(listener);
    }

    /** Every collector's state, including those that could not start here and why. */
    public List<CollectorStatus> collectors() {
        return collection.status();
    }

    /** The newest sample of every series that passes {@code filter} (e.g. {@code s -> s.metric().startsWith("gpu_")}). */
    public List<Sample> latestSamples(Predicate<Sample> filter) {
        return latest.matching(filter);
    }

    /** The evaluator's counters: samples accepted, dropped as out of order, suppressed, ... */
    public EngineCounters engineCounters() {
        return evaluation.counters();
    }

    /** Samples waiting to be evaluated. */
    public int queuedSamples() {
        return evaluation.queuedSamples();
    }

    /** How often a rule fired and when it last did. */
    public RuleStats ruleStats(String ruleId) {
        Page<AlertRecord> newest = store.findRecords(RecordQuery.forRule(ruleId, null, null, PageRequest.of(1, 1)));
        return new RuleStats(newest.total(), newest.items().isEmpty() ? null : newest.items().get(0).triggeredAt());
    }

    /**
     * What the rules' conditions say right now (seed 000 {@code POST /api/alerts/evaluate}),
     * after evaluating everything queued; {@code ruleIdsOrNames} empty or null for every enabled rule.
     */
    public List<RuleEvaluation> evaluateNow(Collection<String> ruleIdsOrNames) {
        List<String> ids = null;
        if (ruleIdsOrNames != null && !ruleIdsOrNames.isEmpty()) {
            ids = new ArrayList<>();
            for (String key : ruleIdsOrNames) {
                ids.add(rules.require(key).id());
            }
        }
        return evaluation.evaluateNow(ids);
    }

    /**
     * Fires a rule by hand with a value (seed 000 {@code POST /api/alerts/send}): writes an active
     * record and notifies the rule's channels, unless the rule fired for these labels within its
     * cooldown and {@code force} is false (then empty).
     *
     * @param extra further facts for the message (seed 000 {@code metric_data.additional_info}, ...)
     */
    public Optional<AlertRecord> sendNow(String ruleIdOrName, double value, Labels labels, Map<String, String> extra,
                                         boolean force) {
        AlertRule rule = rules.require(ruleIdOrName);
        return evaluation.manualFire(rule.id(), labels == null ? Labels.empty() : labels, value,
                extra == null ? Map.of() : extra, force);
    }

    /** Statistics over records triggered in {@code [from, to)}; {@code null} bounds mean "all" and "up to now, inclusive". */
    public AlertStatistics statistics(Instant from, Instant to) {
        Instant now = clock.instant();
        // Without an upper bound the range includes records triggered at this very instant.
        Instant end = to != null ? to : now.plusMillis(1);
        List<AlertRecord> inRange = records.all(new RecordQuery(null, null, null, null, from, end, PageRequest.all()));
        Instant start = from;
        if (start == null) {
            start = inRange.stream().map(AlertRecord::triggeredAt).min(Instant::compareTo).orElse(end);
        }
        return StatisticsCalculator.compute(rules.all(), inRange, start, end, now, statisticsZone);
    }

    /** Alerts per hour or day between {@code from} and {@code to}, by severity, empty buckets included. */
    public List<TrendPoint> trends(Instant from, Instant to, TrendPoint.Bucket bucket) {
        List<AlertRecord> inRange = records.all(new RecordQuery(null, null, null, null, from, to, PageRequest.all()));
        return StatisticsCalculator.trends(inRange, from, to, bucket, statisticsZone);
    }

    // ---- collectors -------------------------------------------------------------------------

    private void discover(Map<String, String> config, Labels hostLabels, Duration timeout) {
        for (MetricCollectorProvider provider : ServiceLoader.load(MetricCollectorProvider.class)) {
            String name = provider.name();
            if ("false".equalsIgnoreCase(config.get(name + ".enabled"))) {
                continue;
            }
            Map<String, String> props = new HashMap<>();
            config.forEach((k, v) -> {
                if (k.startsWith(name + ".")) {
                    props.put(k.substring(name.length() + 1), v);
                }
            });
            CollectorHealth health = new CollectorHealth(clock);
            CollectorContext context = CollectorContext.builder().properties(props).clock(clock)
                    .hostLabels(hostLabels).health(health).build();
            try {
                MetricCollector collector = provider.create(context);
                Duration interval = context.durationProperty("interval", collector.defaultInterval());
                collection.add(collector, interval, timeout, health, Labels.empty());
            } catch (CollectorUnavailableException e) {
                collection.addUnavailable(name, e.reason());
            } catch (RuntimeException | LinkageError e) {
                // A broken plugin is reported, never fatal to the rest of Vigil.
                collection.addUnavailable(name, "failed to start: " + e);
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The host's name, for the {@code host} label. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private record CollectorSpec(MetricCollector collector, Duration interval, CollectorHealth health) {
    }

    /** Configures an {@link Alerting}; every setting has a sensible default. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private AlertStore store;
        private NotificationHandoff handoff = NotificationHandoff.none();
        private MetricRegistry metricRegistry = new MetricRegistry();
        private ExecutorService collectorPool;
        private final List<CollectorSpec> collectors = new ArrayList<>();
        private Map<String, String> discoveryConfig;
        private Labels hostLabels;
        private final List<AlertListener> listeners = new ArrayList<>();
        private RuleLimits ruleLimits = RuleLimits.defaults();
        private EngineSettings engineSettings = EngineSettings.defaults();
        private Duration tickInterval = Duration.ofSeconds(1);
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private Duration collectorTimeout = Duration.ofSeconds(10);
        private Duration retention = Duration.ofDays(730);
        private Duration purgeInterval = Duration.ofHours(1);
        private ZoneId statisticsZone = ZoneOffset.UTC;
        private int queueCapacity = 1_000_000;
        private long maxLatestSeries = 100_000;
        private Supplier<String> ruleIds = Ids.random("rule_");
        private Supplier<String> recordIds = Ids.random("alert_");

        private Builder() {
        }

        /** The clock everything is timed by; a manual clock in tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where rules and records live; an {@link InMemoryAlertStore} by default. */
        public Builder store(AlertStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where notification requests go (the notifiers' dispatcher); none by default. */
        public Builder notifications(NotificationHandoff handoff) {
            this.handoff = Objects.requireNonNull(handoff, "handoff");
            return this;
        }

        /** The registry for Vigil's own metrics ({@code vigil.*}); a new one by default. */
        public Builder metricRegistry(MetricRegistry registry) {
            this.metricRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The pool collectors run on; a cached daemon pool owned by Vigil by default. */
        public Builder collectorExecutor(ExecutorService pool) {
            this.collectorPool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /** Adds a collector at its default interval. */
        public Builder collector(MetricCollector collector) {
            return collector(collector, null, new CollectorHealth(clock));
        }

        /** Adds a collector at this interval, reporting into {@code health}. */
        public Builder collector(MetricCollector collector, Duration interval, CollectorHealth health) {
            collectors.add(new CollectorSpec(Objects.requireNonNull(collector, "collector"), interval, health));
            return this;
        }

        /**
         * Finds collectors with {@link ServiceLoader} and creates each with the properties under its
         * name ({@code gpu.library=...}, {@code ipmi.targets=...}); {@code NAME.enabled=false} skips
         * one, {@code NAME.interval} sets its interval. Collectors that cannot run here are listed
         * with their reason in {@link Alerting#collectors()}.
         */
        public Builder discoverCollectors(Map<String, String> config) {
            this.discoveryConfig = Map.copyOf(config);
            return this;
        }

        /** Labels identifying this host on collected samples; {@code host=<hostname>} by default. */
        public Builder hostLabels(Labels labels) {
            this.hostLabels = Objects.requireNonNull(labels, "labels");
            return this;
        }

        public Builder listener(AlertListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder ruleLimits(RuleLimits limits) {
            this.ruleLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder engineSettings(EngineSettings settings) {
            this.engineSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How often the ticker runs once started; 1 s by default. */
        public Builder tickInterval(Duration interval) {
            this.tickInterval = positive(interval, "tickInterval");
            return this;
        }

        /** How often the evaluator's state is saved to the store; 10 s by default. */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = positive(interval, "checkpointInterval");
            return this;
        }

        /** How long a collection may run before it is interrupted; 10 s by default. */
        public Builder collectorTimeout(Duration timeout) {
            this.collectorTimeout = positive(timeout, "collectorTimeout");
            return this;
        }

        /** How long records are kept; 2 years by default (seed 003). */
        public Builder retention(Duration retention) {
            this.retention = positive(retention, "retention");
            return this;
        }

        public Builder purgeInterval(Duration interval) {
            this.purgeInterval = positive(interval, "purgeInterval");
            return this;
        }

        /** The zone that defines days and hours in statistics and trends; UTC by default. */
        public Builder statisticsZone(ZoneId zone) {
            this.statisticsZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Samples that may wait for evaluation before new ones are dropped; 1,000,000 by default. */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be positive");
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** Id generators, for deterministic ids in tests. */
        public Builder ids(Supplier<String> ruleIds, Supplier<String> recordIds) {
            this.ruleIds = Objects.requireNonNull(ruleIds, "ruleIds");
            this.recordIds = Objects.requireNonNull(recordIds, "recordIds");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        public Alerting build() {
            if (store == null) {
                store = new InMemoryAlertStore();
            }
            if (hostLabels == null) {
                hostLabels = Labels.of("host", hostName());
            }
            return new Alerting(this);
        }
    }
}
