package io.vigil.alerting.engine;

import java.util.List;

/**
 * The evaluation of one rule at one instant: one entry per instance it has.
 *
 * @param ruleId    the rule's id
 * @param ruleName  the rule's name
 * @param enabled   whether the rule is enabled (a disabled rule has no instances)
 * @param instances its instances, in the order they first appeared
 */
public record RuleEvaluation(String ruleId, String ruleName, boolean enabled, List<InstanceEvaluation> instances) {
    public RuleEvaluation {
        instances = List.copyOf(instances);
    }

    /** Whether any instance's conditions hold. */
    public boolean holds() {
        return instances.stream().anyMatch(InstanceEvaluation::holds);
    }
}
