package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Condition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CooldownTest {

    private static Recorder withCooldown(EngineSettings settings, Duration cooldown) {
        return new Recorder(settings).rule(Recorder.simple("r", Condition.last("cpu_usage").above(80))
                .cooldown(cooldown));
    }

    @Test
    void aReTriggerInsideTheCooldownIsSuppressedAndFiresWhenItEnds() {
        Recorder r = withCooldown(EngineSettings.defaults().withCooldownFloor(Duration.ZERO), Duration.ofMinutes(10));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 1 * M, 50).sample("cpu_usage", 2 * M, 95);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@1m", "PENDING@2m");
        assertThat(r.engine.counters().suppressedByCooldown()).isEqualTo(1);
        r.advance(10 * M - 1);
        assertThat(r.events()).hasSize(3);
        r.advance(10 * M);
        assertThat(r.events()).endsWith("FIRING@10m");
    }

    @Test
    void aReTriggerThatEndsInsideTheCooldownNeverFires() {
        Recorder r = withCooldown(EngineSettings.defaults().withCooldownFloor(Duration.ZERO), Duration.ofMinutes(10));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 1 * M, 50).sample("cpu_usage", 2 * M, 95)
                .sample("cpu_usage", 3 * M, 10).advance(30 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@1m", "PENDING@2m", "CANCELLED@3m");
    }

    @Test
    void theGlobalFloorOfFiveMinutesAppliesToShorterCooldowns() {
        Recorder r = withCooldown(EngineSettings.defaults(), Duration.ofSeconds(30));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 10 * S, 50).sample("cpu_usage", 20 * S, 95);
        r.advance(5 * M - 1);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@10s", "PENDING@20s");
        r.advance(5 * M);
        assertThat(r.events()).endsWith("FIRING@5m");
    }

    @Test
    void holdTimeAndCooldownBothApply() {
        Recorder r = new Recorder(EngineSettings.defaults().withCooldownFloor(Duration.ZERO))
                .rule(Recorder.simple("r", Condition.last("cpu_usage").above(80).holdFor(Duration.ofMinutes(3)))
                        .cooldown(Duration.ofMinutes(4)));
        r.sample("cpu_usage", 0, 90).advance(3 * M).sample("cpu_usage", 3 * M + 1, 10)
                .sample("cpu_usage", 4 * M, 90).advance(20 * M);
        // fired at 3m; re-triggered at 4m: ready at 7m, cooldown over at 7m
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@3m", "RESOLVED@180001ms", "PENDING@4m",
                "FIRING@7m");
        assertThat(r.engine.counters().suppressedByCooldown()).isZero();
    }
}
