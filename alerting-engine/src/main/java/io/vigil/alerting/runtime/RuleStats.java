package io.vigil.alerting.runtime;

import java.time.Instant;

/**
 * How often a rule has fired (seed 003 {@code triggerCount}, {@code lastTriggeredAt}), counted
 * from its stored records, so it survives restarts and is shared by instances using one store.
 *
 * @param triggerCount    records the rule created (within the retention period)
 * @param lastTriggeredAt the newest record's trigger time, or {@code null}
 */
public record RuleStats(long triggerCount, Instant lastTriggeredAt) {
}
