package io.vigil.alerting.engine;

/** Where an alert instance stands in its life cycle (Prometheus' inactive, pending and firing). */
public enum InstanceState {
    /** The conditions do not hold (or the instance has not been evaluated yet). */
    INACTIVE,
    /** The conditions hold but not yet for the hold time, or a re-trigger waits for the cooldown. */
    PENDING,
    /** The alert fired and has not resolved. */
    FIRING
}
