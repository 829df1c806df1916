package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static io.vigil.alerting.engine.Recorder.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Condition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HoldTimeTest {

    private Recorder cpuAbove80For(Duration hold) {
        return Recorder.noFloors().rule(Recorder.simple("cpu", Condition.last("cpu_usage").above(80).holdFor(hold)));
    }

    @Test
    void becomesPendingAtTheFirstHoldingEvaluationAndFiresExactlyAtPendingSincePlusFor() {
        Recorder r = cpuAbove80For(Duration.ofMinutes(1));
        r.sample("cpu_usage", 0, 50).sample("cpu_usage", 10 * S, 90);
        assertThat(r.events()).containsExactly("PENDING@10s");
        r.advance(70 * S - 1);
        assertThat(r.events()).containsExactly("PENDING@10s");
        r.advance(70 * S);
        assertThat(r.events()).containsExactly("PENDING@10s", "FIRING@70s");
        AlertTransition firing = r.last();
        assertThat(firing.sinceMillis()).isEqualTo(T0 + 70 * S);
        assertThat(firing.value()).isEqualTo(90);
        assertThat(firing.conditions().get(0).threshold().display()).isEqualTo("80");
        assertThat(firing.conditionText()).isEqualTo("cpu_usage > 80 for 1m");
    }

    @Test
    void aSampleAtExactlyTheDeadlineDecidesWithItsOwnValue() {
        Recorder r = cpuAbove80For(Duration.ofMinutes(1));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 60 * S, 70);
        assertThat(r.events()).containsExactly("PENDING@0m", "CANCELLED@1m");

        Recorder r2 = cpuAbove80For(Duration.ofMinutes(1));
        r2.sample("cpu_usage", 0, 90).sample("cpu_usage", 60 * S, 95);
        assertThat(r2.events()).containsExactly("PENDING@0m", "FIRING@1m");
    }

    @Test
    void theDeadlineIsReportedAtItsInstantEvenWhenNoticedLater() {
        Recorder r = cpuAbove80For(Duration.ofMinutes(1));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 45 * S, 91).sample("cpu_usage", 90 * S, 40);
        // The condition held from 0 to 90s, so the instance fired at 60s, then resolved at 90s.
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@1m", "RESOLVED@90s");
    }

    @Test
    void oneFailingEvaluationSendsAPendingInstanceBack() {
        Recorder r = cpuAbove80For(Duration.ofMinutes(1));
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 30 * S, 70).sample("cpu_usage", 40 * S, 95);
        r.advance(99 * S);
        assertThat(r.events()).containsExactly("PENDING@0m", "CANCELLED@30s", "PENDING@40s");
        r.advance(100 * S);
        assertThat(r.events()).endsWith("FIRING@100s");
    }

    @Test
    void zeroHoldFiresAtOnceWithoutPending() {
        Recorder r = cpuAbove80For(Duration.ZERO);
        r.sample("cpu_usage", 0, 81);
        assertThat(r.events()).containsExactly("FIRING@0m");
    }

    @Test
    void aFiringInstanceResolvesAtTheFirstFailingEvaluation() {
        Recorder r = cpuAbove80For(Duration.ZERO);
        r.sample("cpu_usage", 0, 81).sample("cpu_usage", 10 * S, 85).sample("cpu_usage", 20 * S, 80);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@20s");
        assertThat(r.last().value()).isEqualTo(80);
        assertThat(r.last().sinceMillis()).isEqualTo(T0);
    }

    @Test
    void ticksDoNotChangeWhatIsReported() {
        Recorder ticked = cpuAbove80For(Duration.ofMinutes(2));
        Recorder plain = cpuAbove80For(Duration.ofMinutes(2));
        long[] times = {0, 50 * S, 100 * S, 150 * S, 200 * S};
        double[] values = {90, 91, 92, 60, 99};
        for (int i = 0; i < times.length; i++) {
            for (long tick = i == 0 ? 0 : times[i - 1]; tick < times[i]; tick += 7 * S) {
                ticked.advance(tick);
            }
            ticked.sample("cpu_usage", times[i], values[i]);
            plain.sample("cpu_usage", times[i], values[i]);
        }
        ticked.advance(10 * M);
        plain.advance(10 * M);
        assertThat(ticked.events()).isEqualTo(plain.events())
                .containsExactly("PENDING@0m", "FIRING@2m", "RESOLVED@150s", "PENDING@200s", "FIRING@320s");
    }
}
