package io.vigil.collectors.testkit;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.SampleBuffer;
import io.vigil.collectors.SampleSink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's sink, plus a record of everything it refused, so that a collector which catches
 * the refusal and carries on is still caught.
 */
final class CheckingSink implements SampleSink {

    /** One reading the sink refused. */
    record Refusal(String metric, double value, String reason) {
        boolean nonFinite() {
            return !Double.isFinite(value);
        }

        @Override
        public String toString() {
            return metric + "=" + value + " (" + reason + ")";
        }
    }

    private final SampleBuffer buffer;
    private final List<Refusal> refusals = new ArrayList<>();

    CheckingSink(Instant time, Labels hostLabels) {
        this.buffer = new SampleBuffer(time, hostLabels);
    }

    @Override
    public void accept(Sample sample) {
        try {
            buffer.accept(sample);
        } catch (RuntimeException e) {
            refuse(sample == null ? "null" : sample.metric(), sample == null ? 0 : sample.value(), e);
        }
    }

    @Override
    public void accept(String metric, double value, Labels labels) {
        try {
            buffer.accept(metric, value, labels);
        } catch (RuntimeException e) {
            refuse(metric, value, e);
        }
    }

    @Override
    public void acceptState(String metric, String state, Labels labels) {
        try {
            buffer.acceptState(metric, state, labels);
        } catch (RuntimeException e) {
            refuse(metric, 0, e);
        }
    }

    private synchronized void refuse(String metric, double value, RuntimeException e) {
        refusals.add(new Refusal(metric, value, e.getMessage()));
        throw e;
    }

    List<Sample> samples() {
        return buffer.samples();
    }

    synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }
}
