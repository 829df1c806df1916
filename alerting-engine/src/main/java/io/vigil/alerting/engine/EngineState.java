package io.vigil.alerting.engine;

import java.util.List;

/**
 * A snapshot of an evaluator's instance state, to survive a restart without resetting a hold time
 * or re-firing a firing alert. Window contents are not included: windows refill from new samples
 * (a runtime that wants them full at once can replay recent samples before resuming).
 *
 * @param watermarkMillis the instant the evaluator had advanced to, or {@code null}
 * @param instances       every instance of every enabled rule
 */
public record EngineState(Long watermarkMillis, List<InstanceSnapshot> instances) {
    public EngineState {
        instances = List.copyOf(instances);
    }
}
