package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static io.vigil.alerting.engine.Recorder.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluateAndManualFireTest {
    private static final Labels HOST_A = Labels.of("host", "a");

    private static Recorder twoRules() {
        return Recorder.noFloors()
                .rule(Recorder.simple("cpu_usage_high", Condition.avg("cpu_usage").over(Duration.ofMinutes(5))
                        .above(80).holdFor(Duration.ofMinutes(5))).cooldown(Duration.ofMinutes(30)))
                .rule(Recorder.simple("memory_usage_critical", Condition.last("memory_usage").above(90))
                        .cooldown(Duration.ofMinutes(5)));
    }

    @Test
    void evaluateReportsPerRuleAndInstanceWithoutChangingState() {
        Recorder r = twoRules();
        r.sample("cpu_usage", 0, 70).sample("cpu_usage", 1 * M, 100).sample("memory_usage", 0, 50);
        List<RuleEvaluation> all = r.engine.evaluate(null, T0 + 1 * M);
        assertThat(all).extracting(RuleEvaluation::ruleName).containsExactly("cpu_usage_high", "memory_usage_critical");
        InstanceEvaluation cpu = all.get(0).instances().get(0);
        assertThat(cpu.labels()).isEqualTo(HOST_A);
        assertThat(cpu.holds()).isTrue();
        assertThat(cpu.state()).isEqualTo(InstanceState.PENDING);
        assertThat(cpu.conditions().get(0).value()).isEqualTo(85);
        assertThat(cpu.conditions().get(0).threshold().display()).isEqualTo("80");
        assertThat(all.get(1).holds()).isFalse();

        // At 5m the 70 has left the window: avg 100. Asking does not advance anything.
        List<RuleEvaluation> later = r.engine.evaluate(List.of("cpu_usage_high"), T0 + 5 * M);
        assertThat(later).hasSize(1);
        assertThat(later.get(0).instances().get(0).conditions().get(0).value()).isEqualTo(100);
        assertThat(r.engine.evaluate(List.of("cpu_usage_high"), T0 + 6 * M + 1).get(0).holds()).isFalse();
        assertThat(r.events()).containsExactly("PENDING@1m");
    }

    @Test
    void evaluatingAnUnknownRuleFailsWithItsCode() {
        assertThatThrownBy(() -> twoRules().engine.evaluate(List.of("nope"), T0))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_NOT_FOUND));
    }

    @Test
    void aManualFireRespectsTheCooldownUnlessForced() {
        Recorder r = twoRules();
        assertThat(r.engine.manualFire("cpu_usage_high", HOST_A, 85, T0, false, r)).isTrue();
        assertThat(r.last().kind()).isEqualTo(AlertTransition.Kind.MANUAL_FIRING);
        assertThat(r.last().value()).isEqualTo(85);
        assertThat(r.last().conditions().get(0).holds()).isTrue();
        assertThat(r.engine.manualFire("cpu_usage_high", HOST_A, 90, T0 + 29 * M, false, r)).isFalse();
        assertThat(r.engine.counters().suppressedByCooldown()).isEqualTo(1);
        assertThat(r.engine.manualFire("cpu_usage_high", HOST_A, 90, T0 + 29 * M, true, r)).isTrue();
        assertThat(r.engine.manualFire("cpu_usage_high", HOST_A, 90, T0 + 59 * M, false, r)).isTrue();
        assertThat(r.events()).containsExactly("MANUAL_FIRING@0m", "MANUAL_FIRING@29m", "MANUAL_FIRING@59m");
    }

    @Test
    void aManualFireCountsForTheCooldownOfTheConditionDrivenAlert() {
        Recorder r = twoRules();
        r.engine.manualFire("memory_usage_critical", HOST_A, 95, T0, false, r);
        r.sample("memory_usage", 10 * S, 95);
        assertThat(r.events()).containsExactly("MANUAL_FIRING@0m", "PENDING@10s");
        r.advance(5 * M);   // the rule's cooldown is 5 minutes
        assertThat(r.events()).endsWith("FIRING@5m");
    }
}
