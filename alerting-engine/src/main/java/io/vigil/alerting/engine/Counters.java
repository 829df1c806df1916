package io.vigil.alerting.engine;

/** The evaluator's mutable counters; plain fields because the evaluator is single-threaded by design. */
final class Counters {
    long samplesAccepted;
    long samplesIgnored;
    long droppedOutOfOrder;
    long acceptedLate;
    long duplicatesReplaced;
    long suppressedByCooldown;
    long suppressedByFlapping;

    EngineCounters snapshot() {
        return new EngineCounters(samplesAccepted, samplesIgnored, droppedOutOfOrder, acceptedLate, duplicatesReplaced,
                suppressedByCooldown, suppressedByFlapping);
    }
}
