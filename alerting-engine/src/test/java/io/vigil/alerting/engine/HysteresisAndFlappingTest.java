package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.FlapDetection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HysteresisAndFlappingTest {

    @Test
    void aRecoveryThresholdResolvesOnlyBelowIt() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r",
                Condition.last("cpu_usage").atLeast(80).recoverAt(75)));
        r.sample("cpu_usage", 0, 85).sample("cpu_usage", 10 * S, 78).sample("cpu_usage", 20 * S, 79.9);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.sample("cpu_usage", 30 * S, 74.9);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@30s");
        assertThat(r.last().value()).isEqualTo(74.9);
        r.sample("cpu_usage", 40 * S, 78);   // not firing: 78 does not trigger
        assertThat(r.events()).hasSize(2);
    }

    @Test
    void aRecoveryHoldResolvesOnlyAfterTheConditionFailedThatLong() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r", Condition.last("cpu_usage").above(80))
                .recoveryFor(Duration.ofMinutes(2)));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 1 * M, 50).sample("cpu_usage", 2 * M, 90)
                .sample("cpu_usage", 3 * M, 50);
        r.advance(5 * M - 1);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.advance(5 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@5m");
    }

    @Test
    void keepFiringForCountsFromWhenTheTriggerStoppedAndCombinesWithTheRecoveryBand() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r",
                Condition.last("cpu_usage").atLeast(80).recoverAt(75)).keepFiringFor(Duration.ofMinutes(1)));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 10 * S, 77);   // trigger false since 10s, still in band
        r.sample("cpu_usage", 50 * S, 60);                              // out of band since 50s
        r.advance(70 * S - 1);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.advance(70 * S);   // 10s + 1m
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@70s");
    }

    @Test
    void aFlappingInstanceReportsOnceThenCatchesUpWhenStable() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r", Condition.last("cpu_usage").above(80))
                .flapping(new FlapDetection(3, Duration.ofMinutes(10), Duration.ofMinutes(5))));
        double[] values = {90, 10, 90, 10, 90, 10, 90};
        for (int i = 0; i < values.length; i++) {
            r.sample("cpu_usage", i * M, values[i]);
        }
        // changes at 0,1,2 are reported; the 4th change (at 3m) is more than 3 in 10 minutes
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@1m", "FIRING@2m", "FLAPPING@3m");
        assertThat(r.engine.counters().suppressedByFlapping()).isEqualTo(4);   // 3m, 4m, 5m, 6m
        r.advance(11 * M - 1);
        assertThat(r.events()).hasSize(4);
        r.advance(11 * M);   // stable since 6m for 5 minutes; it is firing, last reported was FIRING too
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@1m", "FIRING@2m", "FLAPPING@3m",
                "FLAPPING_ENDED@11m");
        assertThat(r.last().sinceMillis()).isEqualTo(Recorder.T0 + 3 * M);
        r.sample("cpu_usage", 12 * M, 10);
        assertThat(r.events()).endsWith("RESOLVED@12m");
    }

    @Test
    void theEndOfFlappingReportsTheStateThatWasHeldBack() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r", Condition.last("cpu_usage").above(80))
                .flapping(new FlapDetection(1, Duration.ofMinutes(10), Duration.ofMinutes(5))));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 1 * M, 10).advance(6 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "FLAPPING@1m", "FLAPPING_ENDED@6m", "RESOLVED@6m");
    }
}
