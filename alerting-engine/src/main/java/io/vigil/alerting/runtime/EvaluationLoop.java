package io.vigil.alerting.runtime;

import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.engine.AlertTransition;
import io.vigil.alerting.engine.ConditionValue;
import io.vigil.alerting.engine.EngineCounters;
import io.vigil.alerting.engine.EngineState;
import io.vigil.alerting.engine.Evaluator;
import io.vigil.alerting.engine.InstanceSnapshot;
import io.vigil.alerting.engine.InstanceState;
import io.vigil.alerting.engine.RuleEvaluation;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The stateful shell around the pure {@link Evaluator}: it queues samples from any thread, feeds
 * them to the evaluator on whichever thread runs {@link #process}, and turns transitions into alert
 * records and notification requests. Every use of the evaluator happens under one lock, because the
 * evaluator is deliberately single-threaded.
 */
final class EvaluationLoop {
    /** The metric name written on records of "no data" alerts. */
    static final String NO_DATA_METRIC = "no_data";

    private final Evaluator evaluator;
    private final Clock clock;
    private final AlertStore store;
    private final AlertRecords records;
    private final NotificationHandoff handoff;
    private final SelfMetrics metrics;
    private final LatestSamples latest;
    private final Supplier<String> recordIds;
    private final int queueCapacity;

    private final ConcurrentLinkedQueue<Sample> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Object lock = new Object();
    /** Rules by id as the evaluator knows them (guarded by {@link #lock}). */
    private final Map<String, AlertRule> rules = new HashMap<>();
    /** The open record of each firing instance and of each open no-data alert (guarded by {@link #lock}). */
    private final Map<InstanceKey, String> openRecords = new HashMap<>();
    private final List<AlertTransition> pending = new ArrayList<>();
    private EngineCounters reportedCounters = new EngineCounters(0, 0, 0, 0, 0, 0, 0);

    /** Identity of an open alert: the rule, the instance's labels, and whether it is a no-data alert. */
    private record InstanceKey(String ruleId, Labels labels, boolean noData) {
    }

    EvaluationLoop(Evaluator evaluator, Clock clock, AlertStore store, AlertRecords records, NotificationHandoff handoff,
                   SelfMetrics metrics, LatestSamples latest, Supplier<String> recordIds, int queueCapacity) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.store = store;
        this.records = records;
        this.handoff = handoff;
        this.metrics = metrics;
        this.latest = latest;
        this.recordIds = recordIds;
        this.queueCapacity = queueCapacity;
    }

    // ---- from any thread --------------------------------------------------------------------

    /** Queues a sample; false (and counted) if the queue is full. */
    boolean offer(Sample sample) {
        if (queued.incrementAndGet() > queueCapacity) {
            queued.decrementAndGet();
            metrics.samplesDropped("queue_full", 1);
            return false;
        }
        queue.add(sample);
        return true;
    }

    int queuedSamples() {
        return queued.get();
    }

    // ---- start-up and checkpoints -------------------------------------------------------------

    /** Loads the rules, restores the checkpoint and re-links open records to their instances. */
    void restore(List<AlertRule> storedRules, Optional<String> checkpoint) {
        synchronized (lock) {
            for (AlertRule r : storedRules) {
                rules.put(r.id(), r);
                evaluator.putRule(r);
            }
            checkpoint.ifPresent(json -> evaluator.importState(EngineStateCodec.read(json)));
            List<AlertRecord> open = new ArrayList<>();
            for (int page = 1; ; page++) {
                var p = store.findRecords(new RecordQuery(Set.of(AlertStatus.ACTIVE, AlertStatus.ACKNOWLEDGED), null,
                        null, null, null, null, PageRequest.of(page, PageRequest.MAX_PAGE_SIZE)));
                open.addAll(p.items());
                if (page >= p.totalPages()) {
                    break;
                }
            }
            adoptFiringRecordsNewerThanTheCheckpoint(open);
            for (AlertRecord r : open) {
                if (!rules.containsKey(r.ruleId())) {
                    continue;
                }
                boolean noData = NO_DATA_METRIC.equals(r.metric());
                openRecords.put(new InstanceKey(r.ruleId(), r.labels(), noData), r.id());
                if (r.status() == AlertStatus.ACKNOWLEDGED && !noData) {
                    evaluator.acknowledge(r.ruleId(), r.labels());
                }
            }
        }
    }

    /**
     * A record written after the last checkpoint (the process died in between) belongs to an
     * instance the restored evaluator does not know is firing: without this, the next sample above
     * the threshold would open a second record and the first would never resolve. Such instances
     * are restored as firing since the record's trigger time, acknowledged if the record is.
     */
    private void adoptFiringRecordsNewerThanTheCheckpoint(List<AlertRecord> open) {
        Set<InstanceKey> firing = new HashSet<>();
        for (InstanceSnapshot s : evaluator.exportState().instances()) {
            if (s.state() == InstanceState.FIRING) {
                firing.add(new InstanceKey(s.ruleId(), Labels.of(s.labels()), false));
            }
        }
        List<InstanceSnapshot> adopted = new ArrayList<>();
        for (AlertRecord r : open) {
            InstanceKey key = new InstanceKey(r.ruleId(), r.labels(), false);
            AlertRule rule = rules.get(r.ruleId());
            if (rule == null || !rule.enabled() || NO_DATA_METRIC.equals(r.metric()) || firing.contains(key)) {
                continue;
            }
            long since = r.triggeredAt().toEpochMilli();
            adopted.add(new InstanceSnapshot(r.ruleId(), r.labels().asMap(), InstanceState.FIRING, null, since, since,
                    null, null, Map.of(), false, null, null, null, false, r.status() == AlertStatus.ACKNOWLEDGED,
                    r.escalationLevel(), null, false, null, null, List.of(), true));
        }
        if (!adopted.isEmpty()) {
            evaluator.importState(new EngineState(null, adopted));
        }
    }

    String checkpoint() {
        synchronized (lock) {
            return EngineStateCodec.write(evaluator.exportState());
        }
    }

    EngineState exportState() {
        synchronized (lock) {
            return evaluator.exportState();
        }
    }

    // ---- evaluation -------------------------------------------------------------------------

    /** Feeds every queued sample to the evaluator, advances it to the clock's now, and acts on transitions. */
    void process() {
        synchronized (lock) {
            Sample s;
            int n = 0;
            while ((s = queue.poll()) != null) {
                queued.decrementAndGet();
                latest.put(s);
                evaluator.onSample(s, pending::add);
                n++;
            }
            metrics.samplesIn(n);
            evaluator.advanceTo(Math.max(clock.millis(), evaluator.watermark()), pending::add);
            metrics.evaluation();
            handlePending();
            reportCounters();
        }
    }

    private void reportCounters() {
        EngineCounters c = evaluator.counters();
        metrics.samplesDropped("out_of_order", c.droppedOutOfOrder() - reportedCounters.droppedOutOfOrder());
        metrics.samplesDropped("unused", c.samplesIgnored() - reportedCounters.samplesIgnored());
        metrics.samplesDropped("suppressed_by_cooldown", c.suppressedByCooldown() - reportedCounters.suppressedByCooldown());
        metrics.samplesDropped("suppressed_by_flapping", c.suppressedByFlapping() - reportedCounters.suppressedByFlapping());
        reportedCounters = c;
    }

    EngineCounters counters() {
        synchronized (lock) {
            return evaluator.counters();
        }
    }

    void ruleChanged(RuleEvent e) {
        synchronized (lock) {
            if (e.kind() == RuleEvent.Kind.DELETED) {
                rules.remove(e.rule().id());
                evaluator.removeRule(e.rule().id());
                openRecords.keySet().removeIf(k -> k.ruleId().equals(e.rule().id()));
            } else {
                rules.put(e.rule().id(), e.rule());
                evaluator.putRule(e.rule());
            }
        }
    }

    List<RuleEvaluation> evaluateNow(Collection<String> ruleIds) {
        synchronized (lock) {
            process();
            return evaluator.evaluate(ruleIds, clock.millis());
        }
    }

    /**
     * Fires a rule by hand (seed 000 {@code /send}); empty if its cooldown held it back.
     */
    Optional<AlertRecord> manualFire(String ruleId, Labels labels, double value, Map<String, String> extra,
                                     boolean force) {
        synchronized (lock) {
            process();
            List<AlertTransition> fired = new ArrayList<>();
            if (!evaluator.manualFire(ruleId, labels, value, clock.millis(), force, fired::add)) {
                return Optional.empty();
            }
            AlertRecord created = null;
            for (AlertTransition t : fired) {
                created = fire(t, extra, false);
            }
            return Optional.ofNullable(created);
        }
    }

    /** A person acknowledged, resolved or ignored a record: escalation stops, a closed record unlinks. */
    void humanChanged(AlertRecord r) {
        synchronized (lock) {
            boolean noData = NO_DATA_METRIC.equals(r.metric());
            InstanceKey key = new InstanceKey(r.ruleId(), r.labels(), noData);
            if (!r.id().equals(openRecords.get(key)) || !rules.containsKey(r.ruleId())) {
                return;
            }
            if (r.status() == AlertStatus.ACKNOWLEDGED) {
                if (!noData) {
                    evaluator.acknowledge(r.ruleId(), r.labels());
                }
            } else if (!r.status().isOpen()) {
                openRecords.remove(key);
                if (!noData) {
                    evaluator.resolve(r.ruleId(), r.labels(), clock.millis(), pending::add);
                    handlePending();
                }
            }
        }
    }

    // ---- transitions ------------------------------------------------------------------------

    private void handlePending() {
        for (AlertTransition t : pending) {
            metrics.transition(t.kind().name());
            try {
                handle(t);
            } catch (RuntimeException e) {
                // A store or hand-off failure must not stop evaluation; it is counted and the next
                // transition is handled.
                metrics.failure("transition");
            }
        }
        pending.clear();
    }

    private void handle(AlertTransition t) {
        switch (t.kind()) {
            case FIRING: fire(t, Map.of(), true); break;
            case RESOLVED: resolve(t, false); break;
            case ESCALATED: escalate(t); break;
            case REMINDER: remind(t); break;
            case NO_DATA: noData(t); break;
            case NO_DATA_RESOLVED: resolve(t, true); break;
            default: break; // PENDING, CANCELLED and flapping changes are counted only
        }
    }

    private AlertRecord fire(AlertTransition t, Map<String, String> extra, boolean linkToInstance) {
        AlertRule rule = rules.get(t.ruleId());
        if (rule == null) {
            return null;
        }
        ConditionValue trigger = triggering(t);
        Double value = Double.isNaN(trigger.value()) ? null : trigger.value();
        Instant at = Instant.ofEpochMilli(t.timeMillis());
        AlertRecord record = records.create(AlertRecord.fired(recordIds.get(), rule, t.labels(), trigger.metric(),
                value, trigger.threshold(), t.conditionText(),
                latest.snapshot(t.labels(), rule.groupBy().isEmpty()), at));
        if (linkToInstance) {
            openRecords.put(new InstanceKey(t.ruleId(), t.labels(), false), record.id());
        }
        notify(NotificationKind.FIRING, rule, record, rule.notifications().activeChannels(), List.of(), extra);
        return record;
    }

    /** The condition that made the instance fire: the first that holds, else the first. */
    private static ConditionValue triggering(AlertTransition t) {
        for (ConditionValue c : t.conditions()) {
            if (c.holds()) {
                return c;
            }
        }
        return t.conditions().get(0);
    }

    private void resolve(AlertTransition t, boolean noData) {
        String id = openRecords.remove(new InstanceKey(t.ruleId(), t.labels(), noData));
        AlertRule rule = rules.get(t.ruleId());
        if (id == null || rule == null) {
            return; // resolved or ignored by a person already, or never recorded
        }
        Double value = noData || Double.isNaN(t.value()) ? null : t.value();
        AlertRecord current = records.find(id).orElse(null);
        if (current == null || !current.status().isOpen()) {
            return;
        }
        AlertRecord resolved = records.systemChange(id, r -> r.resolve(AlertRecord.SYSTEM, "Vigil",
                noData ? "data arrived again" : "condition recovered", value, Instant.ofEpochMilli(t.timeMillis())));
        List<String> channels = new ArrayList<>();
        for (String c : rule.notifications().activeChannels()) {
            if (rule.notifications().sendsResolvedTo(c)) {
                channels.add(c);
            }
        }
        if (!channels.isEmpty()) {
            notify(NotificationKind.RESOLVED, rule, resolved, channels, List.of(), Map.of());
        }
    }

    private void escalate(AlertTransition t) {
        String id = openRecords.get(new InstanceKey(t.ruleId(), t.labels(), false));
        AlertRule rule = rules.get(t.ruleId());
        if (id == null || rule == null) {
            return;
        }
        AlertRecord escalated = records.systemChange(id, r -> r.escalatedTo(t.escalationLevel(),
                Instant.ofEpochMilli(t.timeMillis())));
        List<String> channels = t.escalation() == null || t.escalation().channels().isEmpty()
                ? rule.notifications().activeChannels() : t.escalation().channels();
        List<String> recipients = t.escalation() == null ? List.of() : t.escalation().recipients();
        notify(NotificationKind.ESCALATION, rule, escalated, channels, recipients, Map.of());
    }

    private void remind(AlertTransition t) {
        String id = openRecords.get(new InstanceKey(t.ruleId(), t.labels(), false));
        AlertRule rule = rules.get(t.ruleId());
        if (id == null || rule == null) {
            return;
        }
        records.find(id).filter(r -> r.status() == AlertStatus.ACTIVE).ifPresent(r ->
                notify(NotificationKind.REMINDER, rule, r, rule.notifications().activeChannels(), List.of(), Map.of()));
    }

    private void noData(AlertTransition t) {
        AlertRule rule = rules.get(t.ruleId());
        if (rule == null) {
            return;
        }
        Instant at = Instant.ofEpochMilli(t.timeMillis());
        AlertRecord record = records.create(AlertRecord.fired(recordIds.get(), rule, t.labels(), NO_DATA_METRIC, null,
                (Threshold) null, "no data since " + Instant.ofEpochMilli(t.sinceMillis()), Map.of(), at));
        openRecords.put(new InstanceKey(t.ruleId(), t.labels(), true), record.id());
        notify(NotificationKind.NO_DATA, rule, record, rule.notifications().activeChannels(), List.of(), Map.of());
    }

    private void notify(NotificationKind kind, AlertRule rule, AlertRecord record, List<String> channels,
                        List<String> extraRecipients, Map<String, String> extra) {
        if (channels.isEmpty()) {
            return;
        }
        AlertMessage message = new AlertMessage(record.id(), rule.id(), rule.name(), rule.description(),
                record.severity(), record.metric(), record.triggerValue(),
                record.threshold() == null ? null : record.threshold().display(), record.condition(), record.labels(),
                record.triggeredAt(), record.resolvedAt(), record.resolveValue(), record.escalationLevel(), null, extra);
        try {
            handoff.handOff(new NotificationRequest(kind, message, rule.notifications(), channels, extraRecipients));
        } catch (RuntimeException e) {
            metrics.failure("handoff");
        }
    }
}
