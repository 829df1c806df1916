package io.vigil.alerting.engine;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.MetricNames;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.api.ValidationError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The pure evaluation engine: rules and samples in, {@link AlertTransition}s out. No threads, no
 * clock, no I/O: time is whatever the samples and {@link #advanceTo} say.
 *
 * <p><b>Not thread-safe, by design.</b> One evaluator is driven by one thread at a time (the
 * runtime serialises access); in exchange the hot path takes no lock and allocates nothing.
 *
 * <pre>{@code
 * Evaluator engine = new Evaluator(EngineSettings.defaults());
 * engine.putRule(rule);
 * SeriesHandle cpu = engine.series("cpu_usage", Labels.of("host", "web-1"));
 * engine.record(cpu, timeMillis, 93.5, transition -> ...);   // per sample
 * engine.advanceTo(nowMillis, transition -> ...);             // per tick
 * }</pre>
 *
 * <p>Evaluation is in continuous time: each instance is evaluated at every sample of its series,
 * every instant a sample leaves one of its windows, and every deadline of its own (hold time,
 * cooldown, recovery, escalation, reminder, silence, flap stability), and transitions carry those
 * exact instants. {@link #advanceTo} processes every such instant up to {@code now}; where the
 * runtime places its ticks changes when transitions are reported, never which or at what time.
 * {@code advanceTo(now)} also promises that samples up to {@code now} have been delivered: a
 * sample that comes later for an earlier time is still added to its windows, but evaluated at
 * {@code now}. See {@code ENGINE.md} for the full semantics.
 */
public final class Evaluator {
    /** The longest window supported: series keep sample times as int offsets (see {@link SeriesHandle}). */
    static final long MAX_WINDOW_MILLIS = 1L << 30;

    private final EngineSettings settings;
    private final Counters counters = new Counters();
    /** Rules by id, enabled or not, in the order they were first put. */
    private final Map<String, CompiledRule> rules = new LinkedHashMap<>();
    /** Per canonical metric name: the enabled conditions that read it and its interned series. */
    private final Map<String, MetricEntry> metrics = new HashMap<>();
    private final List<SeriesHandle> allSeries = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    /** The last metric name {@link #onSample} resolved, by identity, and its entry (or null). */
    private String lastMetric;
    private MetricEntry lastEntry;

    public Evaluator(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An evaluator with {@link EngineSettings#defaults()}. */
    public static Evaluator create() {
        return new Evaluator(EngineSettings.defaults());
    }

    public EngineSettings settings() {
        return settings;
    }

    public EngineCounters counters() {
        return counters.snapshot();
    }

    // ================================================================ rules

    /**
     * Adds a rule, or replaces the rule with the same id. Instances of a replaced rule whose
     * labels are still an instance of the new rule keep their state (pending-since, firing,
     * cooldown, escalation, ...); the new conditions take effect at their next evaluation. A
     * disabled rule is kept but has no instances and is not evaluated.
     *
     * @throws AlertingException {@link ErrorCode#MISSING_FIELD} if the rule has no id,
     *                           {@link ErrorCode#INVALID_CONDITION} for a window of 2^30 ms (12 days) or more
     */
    public void putRule(AlertRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.id() == null) {
            throw new AlertingException(ErrorCode.MISSING_FIELD, "a rule needs an id before the engine can evaluate it");
        }
        for (int i = 0; i < rule.conditions().size(); i++) {
            if (rule.conditions().get(i).window().toMillis() >= MAX_WINDOW_MILLIS) {
                throw AlertingException.invalid(List.of(new ValidationError(ErrorCode.INVALID_CONDITION,
                        "conditions[" + i + "].window", "windows must be shorter than " + MAX_WINDOW_MILLIS / 86_400_000
                        + " days")));
            }
        }
        CompiledRule old = rules.get(rule.id());
        CompiledRule compiled = new CompiledRule(rule, settings, counters);
        List<Instance> boundBefore = new ArrayList<>();
        if (old != null && rule.enabled() && old.rule.enabled()) {
            for (Instance instance : old.instances.values()) {
                InstanceSnapshot saved = Snapshots.save(instance);
                Labels key = compiled.instanceKey(instance.labels);
                if (key.equals(instance.labels)) {
                    Instance carried = compiled.instance(key);
                    Snapshots.restore(carried, saved);
                    if (instance.bindings.length != 0) {
                        boundBefore.add(carried);
                    }
                }
            }
        }
        rules.put(rule.id(), compiled);
        reindex(old, compiled);
        // An instance whose series the changed rule no longer targets is gone, not frozen forever.
        for (Instance carried : boundBefore) {
            if (carried.bindings.length == 0) {
                compiled.instances.remove(carried.labels);
            }
        }
    }

    /** Removes a rule and its instances (without transitions: the caller closes what was open). */
    public boolean removeRule(String ruleId) {
        CompiledRule old = rules.remove(ruleId);
        if (old == null) {
            return false;
        }
        reindex(old, null);
        return true;
    }

    /** The rules, in the order they were first put. */
    public List<AlertRule> rules() {
        List<AlertRule> list = new ArrayList<>(rules.size());
        for (CompiledRule r : rules.values()) {
            list.add(r.rule);
        }
        return list;
    }

    private CompiledRule requireRule(String ruleId) {
        CompiledRule r = rules.get(ruleId);
        if (r == null) {
            throw AlertingException.ruleNotFound(ruleId);
        }
        return r;
    }

    /** Re-points the metric index and the bindings of every affected series from {@code old} to {@code now}. */
    private void reindex(CompiledRule old, CompiledRule now) {
        List<MetricEntry> touched = new ArrayList<>();
        if (old != null && old.rule.enabled()) {
            for (CompiledCondition c : old.conditions) {
                MetricEntry e = metrics.get(c.metric);
                e.conditions.remove(c);
                touched.add(e);
            }
        }
        if (now != null && now.rule.enabled()) {
            for (CompiledCondition c : now.conditions) {
                MetricEntry e = metrics.computeIfAbsent(c.metric, MetricEntry::new);
                e.conditions.add(c);
                touched.add(e);
            }
        }
        lastMetric = null;   // the entry of a metric may have just been created
        for (MetricEntry e : new java.util.LinkedHashSet<>(touched)) {
            for (SeriesHandle s : e.series.values()) {
                bind(s, e);
            }
        }
    }

    // ================================================================ series

    /**
     * The handle of a series, interned once: keep it and feed it with {@link #record}.
     *
     * @throws AlertingException {@link ErrorCode#INVALID_FIELD} for an invalid metric name
     */
    public SeriesHandle series(String metric, Labels labels) {
        if (!MetricNames.isValid(metric)) {
            throw new AlertingException(ErrorCode.INVALID_FIELD, "'" + metric + "' is not a valid metric name");
        }
        Objects.requireNonNull(labels, "labels");
        MetricEntry entry = metrics.computeIfAbsent(MetricNames.canonical(metric), MetricEntry::new);
        lastMetric = null;
        return intern(entry, labels);
    }

    private SeriesHandle intern(MetricEntry entry, Labels labels) {
        SeriesHandle s = entry.series.get(labels);
        if (s == null) {
            s = new SeriesHandle(entry.metric, labels);
            entry.series.put(labels, s);
            allSeries.add(s);
            bind(s, entry);
        }
        return s;
    }

    /** Rebuilds a series' bindings and windows from the enabled conditions that read its metric. */
    private void bind(SeriesHandle s, MetricEntry entry) {
        Map<CompiledCondition, Binding> previous = new HashMap<>();
        for (Binding b : s.bindings) {
            previous.put(b.condition, b);
        }
        Map<Long, WindowView> oldViews = new HashMap<>();
        for (WindowView v : s.views) {
            oldViews.put(v.windowMillis, v);
        }
        Map<Long, WindowView> views = new java.util.TreeMap<>();
        Map<Instance, List<Binding>> byInstance = new LinkedHashMap<>();
        for (CompiledCondition c : entry.conditions) {
            if (!c.rule.rule.targets(s.labels)) {
                continue;
            }
            Binding b = previous.remove(c);
            if (b == null) {
                Instance instance = c.rule.instance(c.rule.instanceKey(s.labels));
                WindowView view = null;
                if (c.needsWindow() && !c.comparesStates) {
                    view = views.computeIfAbsent(c.windowMillis,
                            w -> oldViews.containsKey(w) ? oldViews.get(w) : new WindowView(s, w));
                }
                b = new Binding(s, c, instance, view);
                instance.addBinding(b);
            } else if (b.view != null) {
                views.put(b.view.windowMillis, b.view);
            }
            byInstance.computeIfAbsent(b.instance, k -> new ArrayList<>()).add(b);
        }
        for (Binding gone : previous.values()) {
            gone.instance.removeBinding(gone);
        }
        List<Binding> ordered = new ArrayList<>();
        for (List<Binding> group : byInstance.values()) {
            for (int i = 0; i < group.size(); i++) {
                Binding b = group.get(i);
                b.settlesInstance = i == group.size() - 1;
                ordered.add(b);
            }
        }
        Binding[] newBindings = ordered.toArray(SeriesHandle.NO_BINDINGS);
        for (WindowView v : views.values()) {
            v.needMin = false;
            v.needMax = false;
            v.needRate = false;
        }
        for (Binding b : newBindings) {
            if (b.view != null) {
                switch (b.condition.aggregation) {
                    case MIN: b.view.needMin = true; break;
                    case MAX: b.view.needMax = true; break;
                    case RATE: b.view.needRate = true; break;
                    default: break;
                }
            }
        }
        s.setUp(views.values().toArray(SeriesHandle.NO_VIEWS), newBindings);
        s.rebuildViews(Math.max(s.clock, watermark));
    }

    // ================================================================ samples

    /** Feeds a sample through the convenient path: interns its series (once) and records it. */
    public void onSample(Sample sample, TransitionSink sink) {
        String metric = sample.metric();
        MetricEntry entry;
        if (metric == lastMetric) {   // callers mostly pass the same String instance: skip two lookups
            entry = lastEntry;
        } else {
            entry = metrics.get(MetricNames.canonical(metric));
            lastMetric = metric;
            lastEntry = entry;
        }
        if (entry == null || entry.conditions.isEmpty()) {
            counters.samplesIgnored++;
            return;
        }
        SeriesHandle s = entry.series.get(sample.labels());
        if (s == null) {
            s = intern(entry, sample.labels());
        }
        if (sample.isNumeric()) {
            record(s, sample.timestampMillis(), sample.value(), sink);
        } else {
            recordState(s, sample.timestampMillis(), sample.state(), sink);
        }
    }

    /**
     * The hot path: one numeric sample of a pre-resolved series. Allocates nothing unless a
     * transition is reported.
     *
     * @throws AlertingException {@link ErrorCode#INVALID_FIELD} if {@code value} is not finite
     */
    public void record(SeriesHandle s, long timeMillis, double value, TransitionSink sink) {
        if (!s.bound) {
            counters.samplesIgnored++;
            return;
        }
        if (value - value != 0) { // NaN or infinite, in one comparison
            throw new AlertingException(ErrorCode.INVALID_FIELD, "a sample of " + s + " must be finite, was " + value);
        }
        if (timeMillis <= s.newestTime) {
            recordOlder(s, timeMillis, value, null, sink);
            return;
        }
        counters.samplesAccepted++;
        long at = Math.max(timeMillis, watermark);
        WindowView view = s.onlyView;
        if (view != null) {
            // The common case, unrolled: one window length on this series.
            long expiry = view.nextExpiry();
            if (expiry < at) {
                stepExpiries(s, at - 1, sink);
                expiry = view.nextExpiry();
            }
            while (expiry <= at) {
                view.evictOldest();
                expiry = view.nextExpiry();
            }
            s.firstSeq = view.startSeq;
            view.added(s.appendToRing(timeMillis, value), value);
            if (timeMillis < at) {
                s.evictUpTo(at);
            }
        } else if (s.views.length != 0) {
            if (s.nextExpiry() < at) {
                stepExpiries(s, at - 1, sink);
            }
            s.evictUpTo(at);
            s.append(timeMillis, value);
            if (timeMillis < at) {
                s.evictUpTo(at);
            }
        }
        s.newestTime = timeMillis;
        s.newestValue = value;
        s.clock = at;
        Binding only = s.onlyBinding;
        if (only != null) {
            // evaluateSeries' common case, by hand: that method is too big for the JIT to inline here
            Instance instance = only.instance;
            long when = instance.enter(at, true, sink);
            only.refresh(when);
            instance.settle(when, sink);
        } else {
            evaluateSeries(s, at, true, sink);
        }
    }

    /** Records a string-state sample (seed 003 {@code vmStatus}); only conditions on states read it. */
    public void recordState(SeriesHandle s, long timeMillis, String state, TransitionSink sink) {
        if (state == null) {
            throw new AlertingException(ErrorCode.MISSING_FIELD, "a state sample of " + s + " needs a state");
        }
        if (s.bindings.length == 0) {
            counters.samplesIgnored++;
            return;
        }
        if (timeMillis <= s.newestTime) {
            recordOlder(s, timeMillis, Double.NaN, state, sink);
            return;
        }
        counters.samplesAccepted++;
        long at = Math.max(timeMillis, watermark);
        if (s.views.length != 0 && s.nextExpiry() <= at) {
            stepExpiries(s, at - 1, sink);
            s.evictUpTo(at);
        }
        s.newestTime = timeMillis;
        s.newestState = state;
        s.clock = Math.max(s.clock, at);
        evaluateSeries(s, at, true, sink);
    }

    /** A sample not newer than its series' newest: replaces a duplicate, is accepted within the tolerance, or dropped. */
    private void recordOlder(SeriesHandle s, long t, double value, String state, TransitionSink sink) {
        boolean duplicate = t == s.newestTime;
        if (!duplicate && t < s.newestTime - settings.outOfOrderTolerance().toMillis()) {
            counters.droppedOutOfOrder++;
            return;
        }
        if (duplicate) {
            counters.duplicatesReplaced++;
            if (state != null) {
                s.newestState = state;
            } else {
                s.newestValue = value;
            }
        } else {
            counters.acceptedLate++;
        }
        if (state == null && s.views.length != 0) {
            s.insertOrReplace(t, value);
            s.rebuildViews(s.clock);
        }
        evaluateSeries(s, s.clock, duplicate, sink);
    }

    /** Evaluates a series' windows at each instant before {@code limit} where one of them loses a sample. */
    private void stepExpiries(SeriesHandle s, long limit, TransitionSink sink) {
        long e;
        while ((e = s.nextExpiry()) <= limit) {
            s.evictUpTo(e);
            s.clock = e;
            evaluateSeries(s, e, false, sink);
        }
    }

    private static void evaluateSeries(SeriesHandle s, long at, boolean sample, TransitionSink sink) {
        Binding only = s.onlyBinding;
        if (only != null) {
            Instance instance = only.instance;
            long when = instance.enter(at, sample, sink);
            only.refresh(when);
            instance.settle(when, sink);
            return;
        }
        for (Binding b : s.bindings) {
            Instance instance = b.instance;
            long when = instance.enter(at, sample, sink);
            b.refresh(when);
            if (b.settlesInstance) {
                instance.settle(when, sink);
            }
        }
    }

    // ================================================================ time

    /**
     * Processes every instant up to and including {@code now}: samples leaving windows, hold times
     * reached, cooldowns over, recovery holds, escalations, reminders, silence, flap stability.
     * Also declares that samples up to {@code now} have been delivered.
     */
    public void advanceTo(long now, TransitionSink sink) {
        if (now > watermark) {
            watermark = now;
        }
        PriorityQueue<SeriesHandle> due = new PriorityQueue<>(Comparator.comparingLong(SeriesHandle::nextExpiry));
        for (SeriesHandle s : allSeries) {
            if (s.views.length != 0 && s.bindings.length != 0 && s.nextExpiry() <= now) {
                due.add(s);
            }
        }
        SeriesHandle s;
        while ((s = due.poll()) != null) {
            long e = s.nextExpiry();
            s.evictUpTo(e);
            s.clock = e;
            evaluateSeries(s, e, false, sink);
            if (s.nextExpiry() <= now) {
                due.add(s);
            }
        }
        for (CompiledRule rule : rules.values()) {
            if (!rule.rule.enabled()) {
                continue;
            }
            for (Instance instance : rule.instances.values()) {
                if (instance.deadline <= now || instance.silenceAt <= now) {
                    instance.runTimers(now, sink);
                }
            }
        }
    }

    /** The latest instant {@link #advanceTo} was called with, or {@link Long#MIN_VALUE}. */
    public long watermark() {
        return watermark;
    }

    // ================================================================ feedback from the runtime

    /** Stops escalation and reminders for the current firing of an instance; false if it is not firing. */
    public boolean acknowledge(String ruleId, Labels instanceLabels) {
        Instance instance = requireRule(ruleId).instances.get(instanceLabels);
        return instance != null && instance.acknowledge();
    }

    /**
     * Ends an instance's firing by hand at {@code nowMillis} (no RESOLVED is reported: the caller
     * knows). Escalation and reminders stop; if its conditions still hold, a new episode starts
     * pending at once and fires no earlier than its cooldown allows. False if it was not firing.
     */
    public boolean resolve(String ruleId, Labels instanceLabels, long nowMillis, TransitionSink sink) {
        Instance instance = requireRule(ruleId).instances.get(instanceLabels);
        return instance != null && instance.resolveManually(nowMillis, sink);
    }

    /**
     * Fires a rule by hand with a given value (seed 000 {@code POST /api/alerts/send}): reports a
     * {@link AlertTransition.Kind#MANUAL_FIRING} unless the instance fired within its cooldown
     * and {@code force} is false, in which case the attempt is counted as suppressed. A manual
     * fire counts as a firing for the cooldown but does not change the instance's state.
     *
     * @return whether it fired
     */
    public boolean manualFire(String ruleId, Labels labels, double value, long nowMillis, boolean force,
                              TransitionSink sink) {
        CompiledRule rule = requireRule(ruleId);
        Instance instance = rule.instance(rule.instanceKey(labels));
        if (!force && instance.lastFiredAt != Instance.NONE && nowMillis < instance.lastFiredAt + rule.cooldownMillis) {
            counters.suppressedByCooldown++;
            return false;
        }
        instance.lastFiredAt = Math.max(nowMillis, instance.lastFiredAt);
        instance.recomputeDeadline();
        List<ConditionValue> values = new ArrayList<>();
        for (CompiledCondition c : rule.conditions) {
            boolean first = c.index == 0;
            double v = first ? value : Double.NaN;
            values.add(new ConditionValue(c.condition.id(), c.metric, v, null, c.condition.threshold(),
                    first && c.triggers(v), c.text));
        }
        sink.accept(instance.manualTransition(nowMillis, values));
        return true;
    }

    // ================================================================ evaluate now

    /**
     * What each rule's conditions say at {@code nowMillis} (seed 000 {@code POST /api/alerts/evaluate}),
     * without changing any state: per rule and instance whether it holds, its values and thresholds.
     *
     * @param ruleIds the rules to evaluate, or {@code null} for every enabled rule
     * @throws AlertingException {@link ErrorCode#RULE_NOT_FOUND} for an unknown id
     */
    public List<RuleEvaluation> evaluate(Collection<String> ruleIds, long nowMillis) {
        List<CompiledRule> selected = new ArrayList<>();
        if (ruleIds == null) {
            for (CompiledRule r : rules.values()) {
                if (r.rule.enabled()) {
                    selected.add(r);
                }
            }
        } else {
            for (String id : ruleIds) {
                selected.add(requireRule(id));
            }
        }
        List<RuleEvaluation> results = new ArrayList<>(selected.size());
        for (CompiledRule r : selected) {
            List<InstanceEvaluation> instances = new ArrayList<>();
            for (Instance instance : r.instances.values()) {
                instances.add(evaluateInstance(r, instance, nowMillis));
            }
            results.add(new RuleEvaluation(r.id, r.rule.name(), r.rule.enabled(), instances));
        }
        return results;
    }

    private static InstanceEvaluation evaluateInstance(CompiledRule r, Instance instance, long now) {
        List<ConditionValue> values = new ArrayList<>(r.conditions.length);
        int holding = 0;
        for (CompiledCondition c : r.conditions) {
            ConditionValue chosen = null;
            for (Binding b : instance.bindings) {
                if (b.condition != c) {
                    continue;
                }
                SeriesHandle s = b.series;
                boolean holds;
                double v = Double.NaN;
                String state = null;
                if (c.comparesStates) {
                    state = s.newestState;
                    holds = c.triggers(state);
                } else {
                    v = b.view != null ? b.view.valueAt(now, c.aggregation)
                            : s.newestTime <= now ? s.newestValue : Double.NaN;
                    holds = c.triggers(v);
                }
                if (chosen == null || holds && !chosen.holds()) {
                    chosen = new ConditionValue(c.condition.id(), c.metric, v, state, c.condition.threshold(), holds,
                            c.text);
                }
            }
            if (chosen == null) {
                chosen = new ConditionValue(c.condition.id(), c.metric, Double.NaN, null, c.condition.threshold(),
                        false, c.text);
            }
            if (chosen.holds()) {
                holding++;
            }
            values.add(chosen);
        }
        boolean holds = r.and ? holding == r.conditions.length : holding > 0;
        return new InstanceEvaluation(instance.labels, instance.state, holds, values);
    }

    // ================================================================ state

    /** Every instance's state, to be restored with {@link #importState} after a restart. */
    public EngineState exportState() {
        List<InstanceSnapshot> list = new ArrayList<>();
        for (CompiledRule r : rules.values()) {
            for (Instance instance : r.instances.values()) {
                list.add(Snapshots.save(instance));
            }
        }
        return new EngineState(watermark == Long.MIN_VALUE ? null : watermark, list);
    }

    /**
     * Restores instance state saved by {@link #exportState}; put the rules first. Snapshots of
     * unknown or disabled rules are skipped. A restored instance keeps its state until its series
     * are next seen (its timers for escalation, reminders and silence keep running), and adopts
     * its saved hold-time progress if its conditions still hold then.
     */
    public void importState(EngineState state) {
        if (state.watermarkMillis() != null && state.watermarkMillis() > watermark) {
            watermark = state.watermarkMillis();
        }
        for (InstanceSnapshot snapshot : state.instances()) {
            CompiledRule r = rules.get(snapshot.ruleId());
            if (r == null || !r.rule.enabled()) {
                continue;
            }
            Snapshots.restore(r.instance(Labels.of(snapshot.labels())), snapshot);
        }
    }

    /** Per metric: the conditions of enabled rules that read it, and its series. */
    private static final class MetricEntry {
        final String metric;
        final List<CompiledCondition> conditions = new ArrayList<>();
        final Map<Labels, SeriesHandle> series = new HashMap<>();

        MetricEntry(String metric) {
            this.metric = metric;
        }
    }
}
