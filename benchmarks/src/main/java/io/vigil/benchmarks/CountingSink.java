package io.vigil.benchmarks;

import io.vigil.alerting.engine.AlertTransition;
import io.vigil.alerting.engine.TransitionSink;

/** Counts transitions, so that the JIT cannot drop the work that produced them. */
final class CountingSink implements TransitionSink {
    long transitions;
    long firings;

    @Override
    public void accept(AlertTransition t) {
        transitions++;
        if (t.kind() == AlertTransition.Kind.FIRING) {
            firings++;
        }
    }
}
