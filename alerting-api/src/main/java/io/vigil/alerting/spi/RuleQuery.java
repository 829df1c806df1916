package io.vigil.alerting.spi;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Severity;

/**
 * Filters for listing rules; {@code null} means "any". Results are ordered by name
 * ({@link String#compareTo} order, not by locale).
 *
 * @param enabled only enabled or only disabled rules
 * @param severity only this severity
 * @param scope   only this scope type
 * @param scopeId only this scope object
 * @param page    which page
 */
public record RuleQuery(Boolean enabled, Severity severity, ScopeType scope, String scopeId, PageRequest page) {
    public RuleQuery {
        page = page == null ? PageRequest.first() : page;
    }

    public static RuleQuery all() {
        return new RuleQuery(null, null, null, null, PageRequest.all());
    }

    public boolean matches(AlertRule rule) {
        return (enabled == null || rule.enabled() == enabled)
                && (severity == null || rule.severity() == severity)
                && (scope == null || rule.scope().type() == scope)
                && (scopeId == null || scopeId.equals(rule.scope().id()));
    }
}
