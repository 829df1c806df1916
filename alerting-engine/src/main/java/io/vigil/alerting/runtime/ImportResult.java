package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ValidationError;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an import: either every rule was applied, or none was and {@code errors} says
 * what is wrong with which rule (by its position in the import).
 *
 * @param applied the stored rules, in import order; empty when rejected
 * @param errors  problems by rule index; empty when applied
 */
public record ImportResult(List<AlertRule> applied, Map<Integer, List<ValidationError>> errors) {
    public ImportResult {
        applied = List.copyOf(applied);
        errors = Map.copyOf(errors);
    }

    public boolean isApplied() {
        return errors.isEmpty();
    }
}
