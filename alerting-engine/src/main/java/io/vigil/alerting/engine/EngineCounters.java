package io.vigil.alerting.engine;

/**
 * A snapshot of the evaluator's counters, for the runtime's metrics and health.
 *
 * @param samplesAccepted        samples that updated a series used by some rule
 * @param samplesIgnored         samples of metrics no enabled rule uses, or whose series no rule targets
 * @param droppedOutOfOrder      samples older than their series' newest beyond the tolerance, dropped
 * @param acceptedLate           samples older than their series' newest but within the tolerance
 * @param duplicatesReplaced     samples whose timestamp equalled their series' newest, replacing its value
 * @param suppressedByCooldown   re-triggers (and manual fires) held back by a cooldown
 * @param suppressedByFlapping   transitions held back while an instance was flapping
 */
public record EngineCounters(long samplesAccepted, long samplesIgnored, long droppedOutOfOrder, long acceptedLate,
                             long duplicatesReplaced, long suppressedByCooldown, long suppressedByFlapping) {
}
