package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRecord;

/**
 * Hears about alert records and rule changes as they happen, e.g. to push them to a UI. Called on
 * Vigil's threads after the change is stored; keep it quick. An exception thrown by a listener is
 * caught and counted, and does not affect other listeners or the change itself.
 */
public interface AlertListener {

    /** A rule fired and a new active record was written. */
    default void recordCreated(AlertRecord record) {
    }

    /** A record changed: acknowledged, ignored, escalated. */
    default void recordUpdated(AlertRecord record) {
    }

    /** A record was resolved, by a person or because the condition recovered. */
    default void recordResolved(AlertRecord record) {
    }

    /** A rule was created, changed or deleted. */
    default void ruleChanged(RuleEvent event) {
    }
}
