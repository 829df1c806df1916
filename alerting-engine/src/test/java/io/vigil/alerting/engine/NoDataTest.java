package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.NoDataPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NoDataTest {

    private static Recorder with(NoDataPolicy.State state, Duration hold) {
        return Recorder.noFloors().rule(Recorder.simple("r", Condition.last("cpu_usage").above(80).holdFor(hold))
                .noData(Duration.ofMinutes(5), state));
    }

    @Test
    void okResolvesAFiringInstanceWhenItsSeriesFallsSilent() {
        Recorder r = with(NoDataPolicy.State.OK, Duration.ZERO);
        r.sample("cpu_usage", 0, 90).advance(5 * M - 1);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.advance(5 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@5m");
    }

    @Test
    void alertingFiresASilentInstanceAfterItsHoldTime() {
        Recorder r = with(NoDataPolicy.State.ALERTING, Duration.ofMinutes(2));
        r.sample("cpu_usage", 0, 10).advance(30 * M);
        assertThat(r.events()).containsExactly("PENDING@5m", "FIRING@7m");
        r.sample("cpu_usage", 31 * M, 10);
        assertThat(r.events()).endsWith("RESOLVED@31m");
    }

    @Test
    void alertingContinuesAHoldThatBeganWithData() {
        Recorder r = with(NoDataPolicy.State.ALERTING, Duration.ofMinutes(10));
        r.sample("cpu_usage", 0, 90).advance(30 * M);
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@10m");
    }

    @Test
    void keepFreezesTheStateWhileSilent() {
        Recorder r = with(NoDataPolicy.State.KEEP, Duration.ofMinutes(10));
        r.sample("cpu_usage", 0, 90).advance(60 * M);
        assertThat(r.events()).containsExactly("PENDING@0m");
        r.sample("cpu_usage", 61 * M, 95);   // held before and after the silence: the hold time has passed
        assertThat(r.events()).containsExactly("PENDING@0m", "FIRING@61m");
    }

    @Test
    void noDataRaisesADistinctAlertAndResolvesItWhenDataReturns() {
        Recorder r = with(NoDataPolicy.State.NO_DATA, Duration.ZERO);
        r.sample("cpu_usage", 0, 90).advance(20 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "NO_DATA@5m");
        r.sample("cpu_usage", 21 * M, 95);
        assertThat(r.events()).containsExactly("FIRING@0m", "NO_DATA@5m", "NO_DATA_RESOLVED@21m");
        assertThat(r.last().sinceMillis()).isEqualTo(Recorder.T0 + 5 * M);
    }

    @Test
    void silenceIsMeasuredFromTheNewestSampleToTheMillisecond() {
        Recorder r = with(NoDataPolicy.State.NO_DATA, Duration.ZERO);
        r.sample("cpu_usage", 0, 10).sample("cpu_usage", 4 * M, 10).advance(9 * M - 1);
        assertThat(r.events()).isEmpty();
        r.advance(9 * M);
        assertThat(r.events()).containsExactly("NO_DATA@9m");
    }
}
