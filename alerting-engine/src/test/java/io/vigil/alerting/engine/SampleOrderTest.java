package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Condition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleOrderTest {

    private static final Condition.Builder AVG_ABOVE_80 = Condition.avg("cpu_usage").over(Duration.ofMinutes(1)).above(80);

    @Test
    void anOlderSampleIsDroppedAndCounted() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r", AVG_ABOVE_80));
        r.sample("cpu_usage", 10 * S, 50).sample("cpu_usage", 5 * S, 200);
        assertThat(r.events()).isEmpty();
        assertThat(r.engine.counters().droppedOutOfOrder()).isEqualTo(1);
        assertThat(r.engine.counters().samplesAccepted()).isEqualTo(1);
    }

    @Test
    void anOlderSampleWithinTheToleranceIsAccepted() {
        Recorder r = new Recorder(EngineSettings.defaults().withCooldownFloor(Duration.ZERO)
                .withOutOfOrderTolerance(Duration.ofSeconds(10)));
        r.rule(Recorder.simple("r", AVG_ABOVE_80));
        r.sample("cpu_usage", 10 * S, 50).sample("cpu_usage", 5 * S, 200);   // avg(200, 50) = 125
        assertThat(r.events()).containsExactly("FIRING@10s");
        r.sample("cpu_usage", -1 * S, 1000);   // 11 s older than the newest: beyond the tolerance
        assertThat(r.engine.counters().acceptedLate()).isEqualTo(1);
        assertThat(r.engine.counters().droppedOutOfOrder()).isEqualTo(1);
        r.advance(65 * S);   // the 200 at 5s left at 65s
        assertThat(r.events()).containsExactly("FIRING@10s", "RESOLVED@65s");
    }

    @Test
    void aSampleWithTheSameTimestampReplacesTheValue() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r", AVG_ABOVE_80));
        r.sample("cpu_usage", 0, 50).sample("cpu_usage", 10 * S, 90);   // avg 70
        r.sample("cpu_usage", 10 * S, 120);                              // avg 85
        assertThat(r.events()).containsExactly("FIRING@10s");
        assertThat(r.last().value()).isEqualTo(85);
        assertThat(r.engine.counters().duplicatesReplaced()).isEqualTo(1);
    }

    @Test
    void aSampleAfterATickForAnEarlierTimeIsEvaluatedAtTheTick() {
        Recorder r = Recorder.noFloors().rule(Recorder.simple("r", Condition.last("cpu_usage").above(80)));
        r.sample("cpu_usage", 0, 50).advance(30 * S).sample("cpu_usage", 20 * S, 90);
        assertThat(r.events()).containsExactly("FIRING@30s");
    }
}
