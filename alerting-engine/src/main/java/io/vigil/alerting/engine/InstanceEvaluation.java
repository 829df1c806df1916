package io.vigil.alerting.engine;

import io.vigil.alerting.api.Labels;
import java.util.List;

/**
 * What one instance's conditions say at the instant asked about (seed 000 {@code POST /api/alerts/evaluate}).
 *
 * @param labels     the instance's labels
 * @param state      its state machine's current state (not changed by asking)
 * @param holds      whether the rule's conditions, joined by its logic, hold at that instant
 * @param conditions each condition's value and threshold at that instant
 */
public record InstanceEvaluation(Labels labels, InstanceState state, boolean holds, List<ConditionValue> conditions) {
    public InstanceEvaluation {
        conditions = List.copyOf(conditions);
    }
}
