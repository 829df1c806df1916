package io.vigil.alerting.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InputValidationTest {

    private static void assertCode(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(AlertingException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void badInputGetsAStableCode() {
        Evaluator engine = Evaluator.create();
        assertCode(() -> engine.series("9lives", Labels.empty()), ErrorCode.INVALID_FIELD);
        assertCode(() -> engine.putRule(Recorder.simple("r", Condition.avg("m").over(Duration.ofDays(13)).above(1))
                .build()), ErrorCode.INVALID_CONDITION);
        assertCode(() -> EngineSettings.defaults().withOutOfOrderTolerance(Duration.ofDays(13)), ErrorCode.INVALID_DURATION);
        assertCode(() -> EngineSettings.defaults().withCooldownFloor(Duration.ofSeconds(-1)), ErrorCode.INVALID_DURATION);
        assertCode(() -> engine.acknowledge("nope", Labels.empty()), ErrorCode.RULE_NOT_FOUND);
        assertCode(() -> engine.manualFire("nope", Labels.empty(), 1, 0, false, TransitionSink.NONE),
                ErrorCode.RULE_NOT_FOUND);
    }

    @Test
    void aNonFiniteValueOrMissingStateIsRefusedOnTheHotPath() {
        Evaluator engine = Evaluator.create();
        engine.putRule(Recorder.simple("r", Condition.last("m").above(1)).build());
        SeriesHandle handle = engine.series("m", Labels.empty());
        assertCode(() -> engine.record(handle, 0, Double.NaN, TransitionSink.NONE), ErrorCode.INVALID_FIELD);
        assertCode(() -> engine.record(handle, 0, Double.POSITIVE_INFINITY, TransitionSink.NONE), ErrorCode.INVALID_FIELD);
        assertCode(() -> engine.recordState(handle, 0, null, TransitionSink.NONE), ErrorCode.MISSING_FIELD);
        assertThat(engine.counters().samplesAccepted()).isZero();
    }

    @Test
    void aHandleOfAMetricNoRuleReadsComesAliveWhenARuleArrives() {
        Recorder r = Recorder.noFloors();
        SeriesHandle handle = r.engine.series("m", Labels.of("host", "a"));
        r.engine.record(handle, Recorder.T0, 5, r);
        assertThat(r.engine.counters().samplesIgnored()).isEqualTo(1);
        r.engine.putRule(Recorder.simple("r", Condition.last("m").above(1)).build());
        r.engine.record(handle, Recorder.T0 + 1, 5, r);
        assertThat(r.events()).containsExactly("FIRING@1ms");
        assertThat(handle.metric()).isEqualTo("m");
        assertThat(handle.labels()).isEqualTo(Labels.of("host", "a"));
    }
}
