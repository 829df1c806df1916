package io.vigil.alerting.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an instance's state into an {@link InstanceSnapshot} and back; also how a changed rule keeps its instances' state. */
final class Snapshots {
    private Snapshots() {
    }

    static InstanceSnapshot save(Instance i) {
        Map<String, Long> holding = new LinkedHashMap<>();
        CompiledCondition[] cs = i.rule.conditions;
        for (int c = 0; c < cs.length; c++) {
            long since = i.triggering(c) > 0 ? i.holdingSince(c)
                    : i.carriedHoldingSince != null ? i.carriedHoldingSince[c] : Instance.NONE;
            if (since != Instance.NONE) {
                holding.put(cs[c].condition.id(), since);
            }
        }
        FlapTracker f = i.flap;
        return new InstanceSnapshot(i.rule.id, i.labels.asMap(), i.state, opt(i.pendingSince), opt(i.firingSince),
                opt(i.lastFiredAt), opt(i.triggerFalseSince), opt(i.recoveredSince), holding, i.suppressionNoted,
                opt(i.evaluatedAt), opt(i.lastSampleAt), opt(i.silentSince), i.noDataRaised, i.acknowledged,
                i.escalationsSent, opt(i.nextReminderAt), f != null && f.flapping, f == null ? null : opt(f.since),
                f == null ? null : opt(f.lastChange), f == null ? List.of() : f.recentChanges(), i.reportedFiring);
    }

    /**
     * Restores {@code s} into a fresh instance. Its condition counts start at zero, so it waits for
     * its next evaluation before its condition-driven state moves again; the saved hold progress is
     * adopted by conditions found holding then.
     */
    static void restore(Instance i, InstanceSnapshot s) {
        i.state = s.state();
        i.pendingSince = val(s.pendingSince());
        i.firingSince = val(s.firingSince());
        i.lastFiredAt = val(s.lastFiredAt());
        i.triggerFalseSince = val(s.triggerFalseSince());
        i.recoveredSince = val(s.recoveredSince());
        i.suppressionNoted = s.suppressionNoted();
        i.evaluatedAt = val(s.evaluatedAt());
        i.lastSampleAt = val(s.lastSampleAt());
        i.silentSince = val(s.silentSince());
        i.noDataRaised = s.noDataRaised();
        i.acknowledged = s.acknowledged();
        i.escalationsSent = Math.min(s.escalationsSent(), i.rule.escalationDelays.length);
        i.nextReminderAt = i.rule.reminderMillis > 0 ? val(s.nextReminderAt()) : Instance.NONE;
        if (i.state == InstanceState.FIRING && i.rule.reminderMillis > 0 && i.nextReminderAt == Instance.NONE
                && i.firingSince != Instance.NONE) {
            i.nextReminderAt = i.firingSince + i.rule.reminderMillis;
        }
        i.reportedFiring = s.reportedFiring();
        CompiledCondition[] cs = i.rule.conditions;
        i.carriedHoldingSince = new long[cs.length];
        for (int c = 0; c < cs.length; c++) {
            Long since = s.holdingSince().get(cs[c].condition.id());
            i.carriedHoldingSince[c] = since == null ? Instance.NONE : since;
        }
        if (i.flap != null) {
            i.flap.restore(s.flapping(), val(s.flappingSince()), val(s.lastChangeAt()), s.recentChanges());
        }
        i.awaitingData = true;
        i.recomputeDeadline();
    }

    private static Long opt(long v) {
        return v == Instance.NONE ? null : v;
    }

    private static long val(Long v) {
        return v == null ? Instance.NONE : v;
    }
}
