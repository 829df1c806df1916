package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRule;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to the rule set.
 *
 * @param kind   created, updated or deleted
 * @param rule   the rule after the change (for deletions: as it was)
 * @param actor  who changed it
 * @param at     when
 */
public record RuleEvent(Kind kind, AlertRule rule, Actor actor, Instant at) {

    /** What happened to the rule. */
    public enum Kind { CREATED, UPDATED, DELETED }

    public RuleEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
