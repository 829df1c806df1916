package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleChangeTest {

    private static AlertRule rule(double threshold) {
        return Recorder.simple("r", Condition.last("cpu_usage").above(threshold)
                .holdFor(Duration.ofMinutes(5))).build();
    }

    @Test
    void aRuleAddedWhileSamplesFlowStartsWithTheNextSample() {
        Recorder r = Recorder.noFloors();
        r.sample("cpu_usage", 0, 99);
        assertThat(r.engine.counters().samplesIgnored()).isEqualTo(1);
        r.engine.putRule(rule(80));
        r.sample("cpu_usage", 10 * S, 99).advance(20 * M);
        assertThat(r.events()).containsExactly("PENDING@10s", "FIRING@310s");
    }

    @Test
    void aChangedThresholdKeepsThePendingSince() {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(rule(80));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 2 * M, 90);
        r.engine.putRule(rule(85));
        r.sample("cpu_usage", 3 * M, 90).advance(20 * M);
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@5m");
    }

    @Test
    void aChangedRuleKeepsAFiringInstanceFiringWithoutReFiring() {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(rule(80));
        r.sample("cpu_usage", 0, 90).advance(6 * M);
        r.engine.putRule(rule(70));
        r.sample("cpu_usage", 7 * M, 90).advance(8 * M);
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@5m");
        r.engine.putRule(rule(95));   // no longer holds: resolves at the next evaluation
        r.sample("cpu_usage", 9 * M, 90);
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@5m", "RESOLVED@9m");
    }

    @Test
    void anInstanceTheChangedRuleNoLongerTargetsIsDropped() {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(rule(80).toBuilder().notifications(io.vigil.alerting.api.NotificationPolicy.builder()
                .escalateAfter(Duration.ofMinutes(10), "sms").build()).build());
        r.sample("cpu_usage", Labels.of("host", "a"), 0, 90).sample("cpu_usage", Labels.of("host", "b"), 0, 90)
                .advance(6 * M);
        assertThat(r.events()).containsExactly("PENDING@0m", "PENDING@0m", "FIRING@5m", "FIRING@5m");
        r.clear();
        r.engine.putRule(r.engine.rules().get(0).toBuilder().where("host", "a").build());
        r.advance(30 * M);
        assertThat(r.transitions).extracting(t -> t.labels().get("host") + ":" + Recorder.describe(t))
                .containsExactly("a:ESCALATED@15m");
        assertThat(r.engine.exportState().instances()).extracting(i -> i.labels().get("host")).containsExactly("a");
    }

    @Test
    void aRuleWhoseGroupingChangedStartsAfresh() {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(rule(80));
        r.sample("cpu_usage", Labels.of("host", "a", "core", "1"), 0, 90).advance(6 * M);
        r.engine.putRule(rule(80).toBuilder().groupBy("host").build());
        r.sample("cpu_usage", Labels.of("host", "a", "core", "1"), 7 * M, 90).advance(20 * M);
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@5m", "PENDING@7m", "FIRING@12m");
    }

    @Test
    void disabledAndRemovedRulesAreNotEvaluated() {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(rule(80).withEnabled(false));
        r.sample("cpu_usage", 0, 99).advance(20 * M);
        assertThat(r.events()).isEmpty();
        assertThat(r.engine.evaluate(null, Recorder.T0)).isEmpty();
        r.engine.putRule(rule(80));
        r.sample("cpu_usage", 21 * M, 99);
        assertThat(r.events()).containsExactly("PENDING@21m");
        assertThat(r.engine.removeRule("r")).isTrue();
        assertThat(r.engine.removeRule("r")).isFalse();
        r.sample("cpu_usage", 22 * M, 99).advance(60 * M);
        assertThat(r.events()).containsExactly("PENDING@21m");
        assertThat(r.engine.rules()).isEmpty();
    }

    @Test
    void aRuleWithoutAnIdIsRejected() {
        AlertRule noId = AlertRule.named("x").when(Condition.last("cpu_usage").above(1)).build();
        assertThatThrownBy(() -> Evaluator.create().putRule(noId)).isInstanceOf(AlertingException.class);
    }

    @Test
    void aNewWindowOnAKnownSeriesIsFilledFromWhatTheSeriesRetained() {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(Recorder.simple("wide", Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).above(1000)).build());
        r.sample("cpu_usage", 0, 100).sample("cpu_usage", 1 * M, 20);
        r.engine.putRule(Recorder.simple("narrow", Condition.max("cpu_usage").over(Duration.ofMinutes(2)).above(90)).build());
        r.sample("cpu_usage", 90 * S, 20);   // max over (-30s, 90s] includes the 100 at 0
        assertThat(r.events()).containsExactly("FIRING@90s");
    }
}
