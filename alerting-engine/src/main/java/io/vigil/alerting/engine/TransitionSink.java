package io.vigil.alerting.engine;

/**
 * Receives the transitions the {@link Evaluator} produces. A callback rather than a returned list
 * so that the hot path allocates nothing when nothing happens. Called synchronously, on the
 * caller's thread, from inside the evaluator: an implementation must not call back into it.
 */
@FunctionalInterface
public interface TransitionSink {

    /** A sink that drops every transition. */
    TransitionSink NONE = transition -> { };

    void accept(AlertTransition transition);
}
