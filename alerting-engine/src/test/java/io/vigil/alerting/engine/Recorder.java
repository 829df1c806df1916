package io.vigil.alerting.engine;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Drives an evaluator by hand in tests and records every transition it reports. */
final class Recorder implements TransitionSink {
    static final long S = 1_000;
    static final long M = 60_000;
    /** An arbitrary epoch offset, so that no test relies on time starting at zero. */
    static final long T0 = 1_700_000_000_000L;

    final Evaluator engine;
    final List<AlertTransition> transitions = new ArrayList<>();

    Recorder(EngineSettings settings) {
        this.engine = new Evaluator(settings);
    }

    /** An evaluator without the cooldown and reminder floors, so tests see the rules' own values. */
    static Recorder noFloors() {
        return new Recorder(EngineSettings.defaults().withCooldownFloor(Duration.ZERO)
                .withMinReminderInterval(Duration.ZERO));
    }

    @Override
    public void accept(AlertTransition t) {
        transitions.add(t);
    }

    Recorder rule(AlertRule.Builder rule) {
        AlertRule built = rule.build();
        engine.putRule(built.id() == null ? built.withId(built.name()) : built);
        return this;
    }

    static AlertRule.Builder simple(String name, Condition.Builder condition) {
        return AlertRule.named(name).id(name).when(condition).cooldown(Duration.ZERO);
    }

    Recorder sample(String metric, Labels labels, long atMillis, double value) {
        engine.onSample(Sample.of(metric, value, T0 + atMillis, labels), this);
        return this;
    }

    Recorder sample(String metric, long atMillis, double value) {
        return sample(metric, Labels.of("host", "a"), atMillis, value);
    }

    Recorder advance(long atMillis) {
        engine.advanceTo(T0 + atMillis, this);
        return this;
    }

    /** Transitions as {@code KIND@offset} strings, offsets relative to {@link #T0} in ms. */
    List<String> events() {
        return transitions.stream().map(Recorder::describe).collect(Collectors.toList());
    }

    List<String> events(AlertTransition.Kind... kinds) {
        List<AlertTransition.Kind> wanted = List.of(kinds);
        return transitions.stream().filter(t -> wanted.contains(t.kind())).map(Recorder::describe)
                .collect(Collectors.toList());
    }

    static String describe(AlertTransition t) {
        return t.kind() + "@" + offset(t.timeMillis());
    }

    static String offset(long time) {
        long ms = time - T0;
        if (ms % M == 0) {
            return ms / M + "m";
        }
        if (ms % S == 0) {
            return ms / S + "s";
        }
        return ms + "ms";
    }

    AlertTransition last() {
        return transitions.get(transitions.size() - 1);
    }

    void clear() {
        transitions.clear();
    }
}
