package io.vigil.alerting.runtime;

/**
 * How many rules may exist (seed 003: at most 50 per VM and 500 in all).
 *
 * @param perScopeObject rules per scope object (one VM, group or cluster)
 * @param total          rules in all
 */
public record RuleLimits(int perScopeObject, int total) {
    public RuleLimits {
        if (perScopeObject < 1 || total < 1) {
            throw new IllegalArgumentException("rule limits must be positive");
        }
    }

    public static RuleLimits defaults() {
        return new RuleLimits(50, 500);
    }
}
