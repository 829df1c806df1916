package io.vigil.collectors;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordinary {@link SampleSink}: it stamps the readings of one collection with that collection's
 * time, adds the host identity labels and keeps the samples until they are {@linkplain #drain()
 * drained}. Thread-safe, so a collector may feed it from several threads.
 *
 * <p>This is where host labels are applied: every sample that passes through the buffer carries
 * every host label. A label the collector set itself wins over a host label of the same name, so a
 * collector that reads another machine (a BMC over the network) can say which one.
 *
 * <pre>{@code
 * SampleBuffer buffer = new SampleBuffer(clock.instant(), context.hostLabels());
 * collector.collect(buffer);
 * engine.accept(buffer.drain());
 * }</pre>
 */
public final class SampleBuffer implements SampleSink {
    private final Instant time;
    private final long timeMillis;
    private final Labels hostLabels;
    private final List<Sample> samples = new ArrayList<>();

    /**
     * @param collectionTime the time given to every reading accepted through {@link #accept(String, double, Labels)}
     *                       and {@link #acceptState}
     * @param hostLabels     labels added to every sample
     */
    public SampleBuffer(Instant collectionTime, Labels hostLabels) {
        this.time = Objects.requireNonNull(collectionTime, "collectionTime");
        this.timeMillis = collectionTime.toEpochMilli();
        this.hostLabels = Objects.requireNonNull(hostLabels, "hostLabels");
    }

    /** The time this buffer stamps readings with. */
    public Instant time() {
        return time;
    }

    /** The labels this buffer adds to every sample. */
    public Labels hostLabels() {
        return hostLabels;
    }

    /** Keeps {@code sample} with its own time, adding the host labels it lacks. */
    @Override
    public void accept(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        Labels labels = withHostLabels(sample.labels());
        add(labels == sample.labels() ? sample
                : new Sample(sample.metric(), labels, sample.value(), sample.state(), sample.timestampMillis()));
    }

    /**
     * Keeps a numeric reading stamped with the collection time.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite, or {@code metric} is not a
     *                                  valid metric name
     */
    @Override
    public void accept(String metric, double value, Labels labels) {
        add(new Sample(metric, withHostLabels(Objects.requireNonNull(labels, "labels")), value, null, timeMillis));
    }

    /**
     * Keeps a state reading stamped with the collection time.
     *
     * @throws IllegalArgumentException if {@code metric} is not a valid metric name
     */
    @Override
    public void acceptState(String metric, String state, Labels labels) {
        Objects.requireNonNull(state, "state");
        add(new Sample(metric, withHostLabels(Objects.requireNonNull(labels, "labels")), Double.NaN, state, timeMillis));
    }

    /** A copy of the samples kept so far, in the order they came. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples kept so far, in the order they came; the buffer is empty afterwards. */
    public synchronized List<Sample> drain() {
        List<Sample> drained = List.copyOf(samples);
        samples.clear();
        return drained;
    }

    public synchronized int size() {
        return samples.size();
    }

    public synchronized boolean isEmpty() {
        return samples.isEmpty();
    }

    private synchronized void add(Sample sample) {
        samples.add(sample);
    }

    /** The sample's labels plus every host label it lacks; the same instance when it lacks none (no copy). */
    private Labels withHostLabels(Labels labels) {
        for (int i = 0; i < hostLabels.size(); i++) {
            if (!labels.has(hostLabels.nameAt(i))) {
                return hostLabels.merge(labels);
            }
        }
        return labels;
    }
}
