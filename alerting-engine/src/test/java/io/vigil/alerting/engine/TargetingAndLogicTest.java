package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Scope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetingAndLogicTest {

    @Test
    void aVmScopedRuleOnlySeesItsVmAndEachLabelSetIsItsOwnInstance() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("vm", Condition.last("cpu_usage").above(80))
                .scope(Scope.vm("vm-1")));
        r.sample("cpu_usage", Labels.of("vm", "vm-2"), 0, 99);
        assertThat(r.events()).isEmpty();
        r.sample("cpu_usage", Labels.of("vm", "vm-1", "core", "0"), 0, 99);
        r.sample("cpu_usage", Labels.of("vm", "vm-1", "core", "1"), 0, 99);
        assertThat(r.transitions).extracting(AlertTransition::labels).containsExactly(
                Labels.of("vm", "vm-1", "core", "0"), Labels.of("vm", "vm-1", "core", "1"));
        assertThat(r.engine.counters().samplesIgnored()).isEqualTo(1);   // the vm-2 sample
    }

    @Test
    void labelMatchersNarrowTheTargetsAndOtherMetricsAreIgnored() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("prod", Condition.last("cpu_usage").above(80))
                .where("env", "prod").labelMatchers(List.of(LabelMatcher.equal("env", "prod"),
                        LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-.*"))));
        r.sample("cpu_usage", Labels.of("env", "dev", "host", "web-1"), 0, 99);
        r.sample("cpu_usage", Labels.of("env", "prod", "host", "db-1"), 0, 99);
        r.sample("memory_usage", Labels.of("env", "prod", "host", "web-1"), 0, 99);
        assertThat(r.events()).isEmpty();
        assertThat(r.engine.counters().samplesIgnored()).isEqualTo(3);
        r.sample("cpu_usage", Labels.of("env", "prod", "host", "web-1"), 0, 99);
        assertThat(r.events()).containsExactly("FIRING@0m");
    }

    @Test
    void aliasesAddressTheSameSeries() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("cpu", Condition.last("cpu").above(80)));
        r.sample("cpu_usage", 0, 90);
        assertThat(r.events()).containsExactly("FIRING@0m");
    }

    private static AlertRule.Builder cpuAndMemory() {
        return AlertRule.named("both").id("both").cooldown(Duration.ZERO)
                .when(Condition.last("cpu_usage").above(80)).and(Condition.last("memory_usage").above(90));
    }

    @Test
    void andJoinsOnTheWholeLabelSet() {
        Recorder r = Recorder.noFloors().rule(cpuAndMemory());
        r.sample("cpu_usage", Labels.of("host", "a"), 0, 95);
        r.sample("memory_usage", Labels.of("host", "b"), 0, 95);
        assertThat(r.events()).isEmpty();
        r.sample("memory_usage", Labels.of("host", "a"), 10 * S, 95);
        assertThat(r.events()).containsExactly("FIRING@10s");
        assertThat(r.last().labels()).isEqualTo(Labels.of("host", "a"));
        assertThat(r.last().conditions()).extracting(ConditionValue::value).containsExactly(95.0, 95.0);
        r.sample("cpu_usage", Labels.of("host", "a"), 20 * S, 50);
        assertThat(r.events()).containsExactly("FIRING@10s", "RESOLVED@20s");
    }

    @Test
    void groupByJoinsOnASubsetOfLabels() {
        Recorder r = Recorder.noFloors().rule(cpuAndMemory().groupBy("host"));
        r.sample("cpu_usage", Labels.of("host", "a", "core", "3"), 0, 95);
        r.sample("memory_usage", Labels.of("host", "a", "kind", "rss"), 5 * S, 95);
        assertThat(r.events()).containsExactly("FIRING@5s");
        assertThat(r.last().labels()).isEqualTo(Labels.of("host", "a"));
        // A second core of the same host that is idle does not resolve it: one core above 80 suffices.
        r.sample("cpu_usage", Labels.of("host", "a", "core", "4"), 6 * S, 10);
        assertThat(r.events()).containsExactly("FIRING@5s");
    }

    @Test
    void orFiresOnEitherCondition() {
        Recorder r = Recorder.noFloors().rule(AlertRule.named("either").id("either").cooldown(Duration.ZERO)
                .when(Condition.last("cpu_usage").above(80)).or(Condition.last("memory_usage").above(90)));
        r.sample("memory_usage", 0, 95);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.sample("cpu_usage", 1 * S, 85).sample("memory_usage", 2 * S, 10);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.sample("cpu_usage", 3 * S, 10);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@3s");
    }

    @Test
    void eachConditionWaitsForItsOwnHoldTime() {
        Recorder r = Recorder.noFloors().rule(AlertRule.named("both").id("both").cooldown(Duration.ZERO)
                .when(Condition.last("cpu_usage").above(80).holdFor(Duration.ofSeconds(60)))
                .and(Condition.last("memory_usage").above(90).holdFor(Duration.ofSeconds(10))));
        r.sample("cpu_usage", 0, 95).sample("memory_usage", 55 * S, 95);
        assertThat(r.events()).containsExactly("PENDING@55s");
        r.advance(300 * S);
        assertThat(r.events()).containsExactly("PENDING@55s", "FIRING@65s");
    }

    @Test
    void stateConditionsCompareStrings() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("down",
                Condition.last("vmStatus").in("stopped", "error")));
        SeriesHandle vm = r.engine.series("vm_status", Labels.of("vm", "vm-1"));
        r.engine.recordState(vm, Recorder.T0, "running", r);
        r.engine.recordState(vm, Recorder.T0 + S, "error", r);
        assertThat(r.events()).containsExactly("FIRING@1s");
        assertThat(r.last().conditions().get(0).state()).isEqualTo("error");
        r.engine.recordState(vm, Recorder.T0 + 2 * S, "running", r);
        assertThat(r.events()).containsExactly("FIRING@1s", "RESOLVED@2s");
    }
}
