package io.vigil.alerting.engine;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NoDataPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state machine of one alert instance: one rule applied to one label set.
 *
 * <p>Time is continuous. The instance is evaluated at every instant where something may change:
 * when a sample of one of its series arrives, when a sample leaves one of its windows, and at its
 * own deadlines (hold time reached, cooldown over, recovery hold over, escalation or reminder due,
 * series silent, flapping over). Between two such instants nothing changes, so a deadline is
 * processed with the truth of the last evaluation, and transitions carry the exact instant.
 *
 * <p>Callers drive it in two steps per instant: {@link #enter} (catch up on deadlines before the
 * instant, note a sample) then, once the bindings have been refreshed, {@link #settle}.
 */
final class Instance {
    static final long NONE = Long.MIN_VALUE;
    private static final long NEVER = Long.MAX_VALUE;
    private static final Binding[] NO_BINDINGS = new Binding[0];

    final CompiledRule rule;
    final Labels labels;
    Binding[] bindings = NO_BINDINGS;

    /**
     * Per condition: how many of its bindings trigger / sustain, and since when it has held.
     * Condition 0 lives in fields, further ones in arrays: most rules have one condition, and
     * three arrays per instance would cost more memory than the instance's own state.
     */
    private int triggering0;
    private int sustaining0;
    private long holdingSince0 = NONE;
    private final int[] triggeringMore;
    private final int[] sustainingMore;
    private final long[] holdingSinceMore;
    /** Hold progress carried over from a snapshot, adopted when the condition is next found holding. */
    long[] carriedHoldingSince;
    int conditionsTriggering;
    int conditionsSustaining;

    InstanceState state = InstanceState.INACTIVE;
    long pendingSince = NONE;
    long firingSince = NONE;
    long lastFiredAt = NONE;
    long triggerFalseSince = NONE;
    long recoveredSince = NONE;
    boolean suppressionNoted;

    long evaluatedAt = NONE;
    long lastSampleAt = NONE;
    long silentSince = NONE;
    boolean noDataRaised;
    /**
     * Restored from a snapshot (or carried over from a changed rule) and not evaluated since: the
     * condition-driven state waits for data rather than deciding on empty bindings.
     */
    boolean awaitingData;

    boolean acknowledged;
    int escalationsSent;
    long nextReminderAt = NONE;

    /** Flap detection; {@code null} when the rule has none. */
    final FlapTracker flap;
    /** Whether the last FIRING/RESOLVED that reached the sink said firing. */
    boolean reportedFiring;

    /** The next deadline of the state machine, and the instant the series will count as silent. */
    long deadline = NEVER;
    long silenceAt = NEVER;

    Instance(CompiledRule rule, Labels labels) {
        this.rule = rule;
        this.labels = labels;
        int more = rule.conditions.length - 1;
        this.triggeringMore = more == 0 ? null : new int[more];
        this.sustainingMore = more == 0 ? null : new int[more];
        this.holdingSinceMore = more == 0 ? null : new long[more];
        if (more > 0) {
            Arrays.fill(holdingSinceMore, NONE);
        }
        this.flap = rule.flapping == null ? null : new FlapTracker(rule.flapping);
    }

    void addBinding(Binding b) {
        Binding[] grown = Arrays.copyOf(bindings, bindings.length + 1);
        grown[bindings.length] = b;
        bindings = grown;
    }

    void removeBinding(Binding b) {
        List<Binding> kept = new ArrayList<>(bindings.length);
        for (Binding x : bindings) {
            if (x != b) {
                kept.add(x);
            }
        }
        bindings = kept.toArray(NO_BINDINGS);
        if (b.triggers) {
            triggerChanged(b.condition.index, false, evaluatedAt);
        }
        if (b.sustains) {
            sustainChanged(b.condition.index, false);
        }
    }

    // ---------------------------------------------------------------- evaluation steps

    /**
     * Starts an evaluation at {@code t}: processes every deadline before it, and notes a sample.
     * Returns the instant actually used: never earlier than the last evaluation, so a late sample
     * is evaluated at the instance's current time.
     */
    long enter(long t, boolean sample, TransitionSink sink) {
        if (t < evaluatedAt) {
            t = evaluatedAt;
        } else {
            if (deadline < t || silenceAt < t) {
                runTimers(t - 1, sink);
            }
            evaluatedAt = t;
        }
        if (sample && t > lastSampleAt) {
            lastSampleAt = t;
            if (silentSince != NONE) {
                dataResumed(t, sink);
            }
            if (rule.noDataAfterMillis != 0) {
                silenceAt = t + rule.noDataAfterMillis;
            }
        }
        return t;
    }

    /** Finishes an evaluation at {@code t} after the bindings have been refreshed. */
    void settle(long t, TransitionSink sink) {
        if (state == InstanceState.INACTIVE && conditionsTriggering == 0 && silentSince == NONE && !awaitingData) {
            // The common case, kept small so that it inlines: nothing holds, nothing changes.
            if (deadline <= t || silenceAt <= t) {
                runTimers(t, sink);
            }
            return;
        }
        settleChanged(t, sink);
    }

    private void settleChanged(long t, TransitionSink sink) {
        awaitingData = false;
        apply(t, sink);
        if (deadline <= t || silenceAt <= t) {
            runTimers(t, sink);
        }
    }

    /** Processes every deadline up to and including {@code limit}, each at its exact instant. */
    void runTimers(long limit, TransitionSink sink) {
        long d;
        while ((d = Math.min(deadline, silenceAt)) <= limit) {
            processDeadline(d, sink);
            if (Math.min(deadline, silenceAt) <= d) {
                throw new IllegalStateException("alert instance " + labels + " of rule " + rule.id
                        + " did not move past its deadline " + d);
            }
        }
        if (limit > evaluatedAt) {
            evaluatedAt = limit;
        }
    }

    private void processDeadline(long d, TransitionSink sink) {
        evaluatedAt = Math.max(evaluatedAt, d);
        if (silenceAt <= d) {
            silentSince = silenceAt;
            silenceAt = NEVER;
            if (rule.noDataState == NoDataPolicy.State.NO_DATA) {
                noDataRaised = true;
                emit(AlertTransition.Kind.NO_DATA, d, silentSince, 0, sink);
            }
        }
        apply(d, sink);
        if (state == InstanceState.FIRING && !acknowledged) {
            if (escalationsSent < rule.escalationDelays.length
                    && firingSince + rule.escalationDelays[escalationsSent] <= d) {
                escalationsSent++;
                emit(AlertTransition.Kind.ESCALATED, d, firingSince, escalationsSent, sink);
            }
            if (nextReminderAt != NONE && nextReminderAt <= d) {
                nextReminderAt = d + rule.reminderMillis;
                emit(AlertTransition.Kind.REMINDER, d, firingSince, 0, sink);
            }
        }
        if (flap != null && flap.flapping && flap.stableAt() <= d) {
            long flappingSince = flap.since;
            flap.endFlapping();
            emit(AlertTransition.Kind.FLAPPING_ENDED, d, flappingSince, 0, sink);
            boolean firing = state == InstanceState.FIRING;
            if (firing != reportedFiring) {
                emit(firing ? AlertTransition.Kind.FIRING : AlertTransition.Kind.RESOLVED, d,
                        firing ? firingSince : d, 0, sink);
            }
        }
        recomputeDeadline();
    }

    /** The condition-driven state machine at instant {@code t}. */
    private void apply(long t, TransitionSink sink) {
        if (state == InstanceState.INACTIVE && conditionsTriggering == 0 && silentSince == NONE) {
            return; // the common case: nothing holds, nothing changes (not even a deadline)
        }
        if (frozen()) {
            recomputeDeadline();
            return;
        }
        boolean triggers = effectiveTriggers();
        switch (state) {
            case INACTIVE:
                if (triggers) {
                    state = InstanceState.PENDING;
                    pendingSince = t;
                    suppressionNoted = false;
                    if (t >= fireAt(readyAt())) {
                        fire(t, sink);
                    } else {
                        emit(AlertTransition.Kind.PENDING, t, pendingSince, 0, sink);
                        noteSuppression(t);
                    }
                }
                break;
            case PENDING:
                if (!triggers) {
                    state = InstanceState.INACTIVE;
                    emit(AlertTransition.Kind.CANCELLED, t, pendingSince, 0, sink);
                    pendingSince = NONE;
                } else if (t >= fireAt(readyAt())) {
                    fire(t, sink);
                } else {
                    noteSuppression(t);
                }
                break;
            default:
                boolean sustains = triggers || effectiveSustains();
                if (triggers) {
                    triggerFalseSince = NONE;
                } else if (triggerFalseSince == NONE) {
                    triggerFalseSince = t;
                }
                if (sustains) {
                    recoveredSince = NONE;
                } else if (recoveredSince == NONE) {
                    recoveredSince = t;
                }
                if (!sustains && t >= resolveAt()) {
                    resolve(t, sink);
                }
                break;
        }
        recomputeDeadline();
    }

    private void fire(long t, TransitionSink sink) {
        state = InstanceState.FIRING;
        firingSince = t;
        lastFiredAt = t;
        triggerFalseSince = NONE;
        recoveredSince = NONE;
        acknowledged = false;
        escalationsSent = 0;
        nextReminderAt = rule.reminderMillis > 0 ? t + rule.reminderMillis : NONE;
        recordChange(t, sink);
        emit(AlertTransition.Kind.FIRING, t, firingSince, 0, sink);
    }

    private void resolve(long t, TransitionSink sink) {
        long since = firingSince;
        state = InstanceState.INACTIVE;
        firingSince = NONE;
        pendingSince = NONE;
        triggerFalseSince = NONE;
        recoveredSince = NONE;
        nextReminderAt = NONE;
        recordChange(t, sink);
        emit(AlertTransition.Kind.RESOLVED, t, since, 0, sink);
    }

    private void noteSuppression(long t) {
        if (!suppressionNoted && readyAt() <= t) {
            suppressionNoted = true;
            rule.counters.suppressedByCooldown++;
        }
    }

    private void dataResumed(long t, TransitionSink sink) {
        long since = silentSince;
        silentSince = NONE;
        if (noDataRaised) {
            noDataRaised = false;
            emit(AlertTransition.Kind.NO_DATA_RESOLVED, t, since, 0, sink);
        }
    }

    // ---------------------------------------------------------------- truth and deadlines

    /** Whether the condition-driven state machine is paused: restored and unfed, or silent under keep/no_data. */
    private boolean frozen() {
        if (silentSince != NONE) {
            return rule.noDataState == NoDataPolicy.State.KEEP || rule.noDataState == NoDataPolicy.State.NO_DATA;
        }
        return awaitingData;
    }

    private boolean silentWith(NoDataPolicy.State s) {
        return silentSince != NONE && rule.noDataState == s;
    }

    boolean rawTriggers() {
        return rule.and ? conditionsTriggering == rule.conditions.length : conditionsTriggering > 0;
    }

    boolean effectiveTriggers() {
        if (silentWith(NoDataPolicy.State.ALERTING)) {
            return true;
        }
        if (silentWith(NoDataPolicy.State.OK)) {
            return false;
        }
        return rawTriggers();
    }

    private boolean effectiveSustains() {
        if (silentSince != NONE) {
            return rule.noDataState == NoDataPolicy.State.ALERTING;
        }
        return rule.and ? conditionsSustaining == rule.conditions.length : conditionsSustaining > 0;
    }

    /** When the conditions will have held for their hold times (AND: all of them, OR: the first). */
    private long readyAt() {
        if (silentWith(NoDataPolicy.State.ALERTING)) {
            // pending since the silence began, or since before it if the data already held
            return pendingSince + rule.maxHoldMillis;
        }
        CompiledCondition[] cs = rule.conditions;
        long ready = rule.and ? NONE : NEVER;
        for (int i = 0; i < cs.length; i++) {
            if (triggering(i) > 0) {
                long at = holdingSince(i) + cs[i].holdMillis;
                ready = rule.and ? Math.max(ready, at) : Math.min(ready, at);
            }
        }
        return ready;
    }

    private long fireAt(long ready) {
        return lastFiredAt == NONE ? ready : Math.max(ready, lastFiredAt + rule.cooldownMillis);
    }

    private long resolveAt() {
        return Math.max(triggerFalseSince + rule.keepFiringMillis, recoveredSince + rule.recoveryForMillis);
    }

    void recomputeDeadline() {
        long d = NEVER;
        if (!frozen()) {
            if (state == InstanceState.PENDING) {
                long ready = readyAt();
                long fire = fireAt(ready);
                d = !suppressionNoted && ready < fire ? ready : fire;
            } else if (state == InstanceState.FIRING && triggerFalseSince != NONE && recoveredSince != NONE) {
                d = resolveAt();
            }
        }
        if (state == InstanceState.FIRING && !acknowledged) {
            if (escalationsSent < rule.escalationDelays.length) {
                d = Math.min(d, firingSince + rule.escalationDelays[escalationsSent]);
            }
            if (nextReminderAt != NONE) {
                d = Math.min(d, nextReminderAt);
            }
        }
        if (flap != null && flap.flapping) {
            d = Math.min(d, flap.stableAt());
        }
        deadline = d;
        silenceAt = rule.noDataAfterMillis != 0 && silentSince == NONE && lastSampleAt != NONE
                ? lastSampleAt + rule.noDataAfterMillis : NEVER;
    }

    // ---------------------------------------------------------------- binding feedback

    void triggerChanged(int condition, boolean nowTriggers, long at) {
        int count = triggering(condition) + (nowTriggers ? 1 : -1);
        if (condition == 0) {
            triggering0 = count;
        } else {
            triggeringMore[condition - 1] = count;
        }
        if (nowTriggers && count == 1) {
            conditionsTriggering++;
            long carried = carriedHoldingSince == null ? NONE : carriedHoldingSince[condition];
            setHoldingSince(condition, carried != NONE && carried <= at ? carried : at);
        } else if (!nowTriggers && count == 0) {
            conditionsTriggering--;
            setHoldingSince(condition, NONE);
        }
        if (carriedHoldingSince != null) {
            carriedHoldingSince[condition] = NONE;
        }
    }

    void sustainChanged(int condition, boolean nowSustains) {
        int count = (condition == 0 ? sustaining0 : sustainingMore[condition - 1]) + (nowSustains ? 1 : -1);
        if (condition == 0) {
            sustaining0 = count;
        } else {
            sustainingMore[condition - 1] = count;
        }
        if (nowSustains && count == 1) {
            conditionsSustaining++;
        } else if (!nowSustains && count == 0) {
            conditionsSustaining--;
        }
    }

    int triggering(int condition) {
        return condition == 0 ? triggering0 : triggeringMore[condition - 1];
    }

    long holdingSince(int condition) {
        return condition == 0 ? holdingSince0 : holdingSinceMore[condition - 1];
    }

    private void setHoldingSince(int condition, long since) {
        if (condition == 0) {
            holdingSince0 = since;
        } else {
            holdingSinceMore[condition - 1] = since;
        }
    }

    // ---------------------------------------------------------------- feedback from the runtime

    boolean acknowledge() {
        if (state != InstanceState.FIRING) {
            return false;
        }
        acknowledged = true;
        recomputeDeadline();
        return true;
    }

    /**
     * Ends a firing episode by hand at {@code t}. No RESOLVED is reported (the caller knows); if the
     * conditions still hold, a new episode starts pending at once, bound by the cooldown.
     */
    boolean resolveManually(long t, TransitionSink sink) {
        if (state != InstanceState.FIRING) {
            return false;
        }
        t = Math.max(t, evaluatedAt);
        runTimers(t - 1, sink);
        evaluatedAt = t;
        state = InstanceState.INACTIVE;
        firingSince = NONE;
        pendingSince = NONE;
        triggerFalseSince = NONE;
        recoveredSince = NONE;
        nextReminderAt = NONE;
        reportedFiring = false;
        settle(t, sink);
        return true;
    }

    // ---------------------------------------------------------------- reporting

    private void recordChange(long t, TransitionSink sink) {
        if (flap != null && flap.recordChange(t)) {
            emit(AlertTransition.Kind.FLAPPING, t, t, 0, sink);
        }
    }

    private void emit(AlertTransition.Kind kind, long t, long since, int level, TransitionSink sink) {
        if (flap != null && flap.flapping && FlapTracker.suppressible(kind)) {
            rule.counters.suppressedByFlapping++;
            return;
        }
        if (kind == AlertTransition.Kind.FIRING) {
            reportedFiring = true;
        } else if (kind == AlertTransition.Kind.RESOLVED) {
            reportedFiring = false;
        }
        sink.accept(new AlertTransition(kind, rule.id, rule.rule.name(), rule.rule.severity(), labels, t, since,
                conditionValues(), rule.conditionText, level, level == 0 ? null : rule.escalation[level - 1]));
    }

    /** Each condition's value: from a triggering binding where there is one, else from any. */
    List<ConditionValue> conditionValues() {
        CompiledCondition[] cs = rule.conditions;
        List<ConditionValue> values = new ArrayList<>(cs.length);
        for (CompiledCondition c : cs) {
            Binding chosen = null;
            for (Binding b : bindings) {
                if (b.condition == c && (chosen == null || b.triggers && !chosen.triggers)) {
                    chosen = b;
                }
            }
            values.add(chosen != null ? chosen.describe()
                    : new ConditionValue(c.condition.id(), c.metric, Double.NaN, null, c.condition.threshold(), false,
                    c.text));
        }
        return values;
    }

    AlertTransition manualTransition(long t, List<ConditionValue> values) {
        return new AlertTransition(AlertTransition.Kind.MANUAL_FIRING, rule.id, rule.rule.name(),
                rule.rule.severity(), labels, t, t, values, rule.conditionText, 0, null);
    }
}
