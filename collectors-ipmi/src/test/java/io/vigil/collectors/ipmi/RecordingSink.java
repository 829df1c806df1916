package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.SampleSink;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Keeps every sample, in order, stamped with the given clock. */
final class RecordingSink implements SampleSink {
    private final Clock clock;
    private final List<Sample> samples = new ArrayList<>();

    RecordingSink(Clock clock) {
        this.clock = clock;
    }

    RecordingSink() {
        this(new TestClock());
    }

    @Override
    public synchronized void accept(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void accept(String metric, double value, Labels labels) {
        accept(Sample.of(metric, value, clock.instant(), labels));
    }

    @Override
    public void acceptState(String metric, String state, Labels labels) {
        accept(Sample.ofState(metric, state, clock.instant(), labels));
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Samples of {@code metric} whose labels include all of {@code match} (name, value, ...). */
    List<Sample> find(String metric, String... match) {
        Labels wanted = Labels.of(match);
        return samples().stream()
                .filter(s -> s.metric().equals(metric))
                .filter(s -> wanted.asMap().entrySet().stream().allMatch(e -> Objects.equals(s.labels().get(e.getKey()), e.getValue())))
                .collect(Collectors.toList());
    }

    /** The one value of {@code metric} for the matching labels; fails on none or several. */
    double value(String metric, String... match) {
        return one(metric, match).value();
    }

    String state(String metric, String... match) {
        return one(metric, match).state();
    }

    Optional<Sample> maybe(String metric, String... match) {
        List<Sample> found = find(metric, match);
        if (found.size() > 1) {
            throw new AssertionError("several samples of " + metric + " " + List.of(match) + ": " + found);
        }
        return found.stream().findFirst();
    }

    private Sample one(String metric, String... match) {
        return maybe(metric, match).orElseThrow(() -> new AssertionError(
                "no sample of " + metric + " " + List.of(match) + " in " + describe()));
    }

    /** metric{labels} -> value or state, for failure messages. */
    Map<String, String> describe() {
        return samples().stream().collect(Collectors.toMap(s -> s.metric() + s.labels(),
                s -> s.isNumeric() ? Double.toString(s.value()) : s.state(), (a, b) -> a + " | " + b, java.util.TreeMap::new));
    }
}
