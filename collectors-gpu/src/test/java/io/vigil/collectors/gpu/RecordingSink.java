package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.SampleSink;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps what a collection emitted and answers questions about it. */
final class RecordingSink implements SampleSink {
    private final Clock clock;
    private final List<Sample> samples = new ArrayList<>();

    RecordingSink(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void accept(String metric, double value, Labels labels) {
        samples.add(Sample.of(metric, value, clock.millis(), labels));
    }

    @Override
    public void acceptState(String metric, String state, Labels labels) {
        samples.add(Sample.ofState(metric, state, clock.instant(), labels));
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples of GPU {@code gpu} (its {@code gpu} label). */
    List<Sample> of(String gpu) {
        return samples.stream().filter(s -> gpu.equals(s.labels().get(GpuMetrics.GPU))).toList();
    }

    /** The metric names GPU {@code gpu} has samples of. */
    Set<String> metricsOf(String gpu) {
        return of(gpu).stream().map(Sample::metric).collect(Collectors.toCollection(TreeSet::new));
    }

    boolean has(String metric, String gpu) {
        return of(gpu).stream().anyMatch(s -> s.metric().equals(metric));
    }

    /** The single value of {@code metric} for {@code gpu} (and, for throttle reasons, no reason label). */
    double value(String metric, String gpu) {
        List<Sample> found = of(gpu).stream()
                .filter(s -> s.metric().equals(metric) && !s.labels().has(GpuMetrics.REASON))
                .toList();
        assertThat(found).as("samples of %s for gpu %s", metric, gpu).hasSize(1);
        return found.get(0).value();
    }

    double throttleReason(String gpu, ThrottleReason reason) {
        List<Sample> found = of(gpu).stream()
                .filter(s -> s.metric().equals(GpuMetrics.THROTTLE_REASON)
                        && reason.label().equals(s.labels().get(GpuMetrics.REASON)))
                .toList();
        assertThat(found).as("%s of gpu %s", reason, gpu).hasSize(1);
        return found.get(0).value();
    }

    /** The labels every sample of {@code gpu} but the throttle reasons carries. */
    Labels labelsOf(String gpu, String metric) {
        return of(gpu).stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow().labels();
    }
}
