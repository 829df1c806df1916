package io.vigil.collectors;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;

/**
 * Where a collector puts what it read. Implementations are supplied by the runtime or by tests;
 * {@link SampleBuffer} is the ordinary one, and it adds the host labels to every sample.
 */
public interface SampleSink {

    /** Accepts one sample. */
    void accept(Sample sample);

    /**
     * Accepts a numeric reading stamped with the collection's time. Non-finite values are refused
     * with an {@link IllegalArgumentException}: a collector must leave an unreadable value out
     * (and say so in its health), never report NaN.
     */
    void accept(String metric, double value, Labels labels);

    /** Accepts a string state (e.g. a sensor's {@code nominal}/{@code critical}) stamped with the collection's time. */
    void acceptState(String metric, String state, Labels labels);
}
