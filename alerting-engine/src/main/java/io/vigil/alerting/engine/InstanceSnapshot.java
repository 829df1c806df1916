package io.vigil.alerting.engine;

import java.util.List;
import java.util.Map;

/**
 * The saved state of one alert instance: plain fields only, so that any codec can write it. Times
 * are milliseconds since the epoch; {@code null} means "not set".
 *
 * @param ruleId            the rule's id
 * @param labels            the instance's labels
 * @param state             where the state machine stands
 * @param pendingSince      when the current episode became pending
 * @param firingSince       when the current episode fired
 * @param lastFiredAt       the last firing (what the cooldown counts from)
 * @param triggerFalseSince while firing: since when the trigger comparison has failed (keepFiringFor)
 * @param recoveredSince    while firing: since when the value has been out of the recovery band (recoveryFor)
 * @param holdingSince      per condition id: since when that condition has held (hold-time progress)
 * @param suppressionNoted  whether this pending episode's cooldown suppression was already counted
 * @param evaluatedAt       the last instant the instance was evaluated at
 * @param lastSampleAt      the newest sample of its series (what no-data counts from)
 * @param silentSince       when its series went silent, if they are
 * @param noDataRaised      whether a NO_DATA transition is open
 * @param acknowledged      whether the current firing was acknowledged
 * @param escalationsSent   how many escalation levels were reached in this firing
 * @param nextReminderAt    when the next reminder is due
 * @param flapping          whether the instance is flapping
 * @param flappingSince     when it started flapping
 * @param lastChangeAt      its last firing/resolved change (what flap stability counts from)
 * @param recentChanges     its recent change instants, oldest first
 * @param reportedFiring    whether the last reported FIRING/RESOLVED said firing
 */
public record InstanceSnapshot(String ruleId, Map<String, String> labels, InstanceState state, Long pendingSince,
                               Long firingSince, Long lastFiredAt, Long triggerFalseSince, Long recoveredSince,
                               Map<String, Long> holdingSince, boolean suppressionNoted, Long evaluatedAt,
                               Long lastSampleAt, Long silentSince, boolean noDataRaised, boolean acknowledged,
                               int escalationsSent, Long nextReminderAt, boolean flapping, Long flappingSince,
                               Long lastChangeAt, List<Long> recentChanges, boolean reportedFiring) {
    public InstanceSnapshot {
        labels = Map.copyOf(labels);
        holdingSince = Map.copyOf(holdingSince);
        recentChanges = List.copyOf(recentChanges);
    }
}
