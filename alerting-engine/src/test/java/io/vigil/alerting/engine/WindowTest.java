package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Condition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowTest {
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);

    private static Recorder rule(Condition.Builder condition) {
        return Recorder.noFloors().rule(Recorder.simple("r", condition));
    }

    @Test
    void theWindowIsOpenAtItsStartAndClosedAtItsEnd() {
        Recorder r = rule(Condition.avg("cpu_usage").over(FIVE_MIN).atLeast(80));
        r.sample("cpu_usage", 0, 100);          // window at 5m is (0, 5m]: this one is out
        r.sample("cpu_usage", 5 * M - 1, 60);   // still firing here: avg(100, 60) = 80
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.sample("cpu_usage", 5 * M, 60);       // the 100 left at exactly 5m: avg(60, 60)
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@5m");
        assertThat(r.last().value()).isEqualTo(60);
    }

    @Test
    void aSampleLeavingTheWindowIsAnEvaluationInstantOfItsOwn() {
        Recorder r = rule(Condition.avg("cpu_usage").over(FIVE_MIN).atLeast(80));
        r.sample("cpu_usage", 0, 50).sample("cpu_usage", 2 * M, 100);   // avg 75
        assertThat(r.events()).isEmpty();
        r.advance(10 * M);   // at 5m the 50 leaves: avg 100; at 7m the 100 leaves: empty window
        assertThat(r.events()).containsExactly("FIRING@5m", "RESOLVED@7m");
        assertThat(Double.isNaN(r.last().value())).isTrue();
    }

    @Test
    void minAndMaxFollowTheSlidingWindow() {
        Recorder max = rule(Condition.max("temp").over(Duration.ofMinutes(1)).above(90));
        max.sample("temp", 0, 95).sample("temp", 30 * S, 20).sample("temp", 50 * S, 40);
        max.sample("temp", 60 * S, 30); // 95 left at 60s: max(20, 40, 30) = 40
        assertThat(max.events()).containsExactly("FIRING@0m", "RESOLVED@1m");

        Recorder min = rule(Condition.min("free").over(Duration.ofMinutes(1)).below(10));
        min.sample("free", 0, 5).sample("free", 20 * S, 50).sample("free", 40 * S, 8).sample("free", 61 * S, 60);
        assertThat(min.events()).containsExactly("FIRING@0m");   // 5 left at 60s but 8 is still there
        min.advance(100 * S);
        assertThat(min.events()).containsExactly("FIRING@0m", "RESOLVED@100s");
    }

    @Test
    void sumAndCountCountWhatIsInTheWindow() {
        Recorder sum = rule(Condition.sum("errors").over(Duration.ofMinutes(1)).atLeast(10));
        sum.sample("errors", 0, 4).sample("errors", 20 * S, 4).sample("errors", 40 * S, 2);
        assertThat(sum.events()).containsExactly("FIRING@40s");
        sum.advance(60 * S);
        assertThat(sum.events()).containsExactly("FIRING@40s", "RESOLVED@1m");

        Recorder count = rule(Condition.count("heartbeat").over(Duration.ofMinutes(1)).below(1));
        count.sample("heartbeat", 0, 1).advance(59 * S);
        assertThat(count.events()).isEmpty();
        count.advance(60 * S);
        assertThat(count.events()).containsExactly("FIRING@1m");
    }

    @Test
    void rateIsThePerSecondIncreaseAndTreatsADropAsACounterReset() {
        Recorder r = rule(Condition.rate("requests_total").over(Duration.ofMinutes(1)).above(5));
        r.sample("requests_total", 0, 1000).sample("requests_total", 10 * S, 1040);   // 4/s
        assertThat(r.events()).isEmpty();
        r.sample("requests_total", 20 * S, 30);   // reset: increase 40 + 30 over 20 s = 3.5/s
        assertThat(r.events()).isEmpty();
        r.sample("requests_total", 30 * S, 130);  // 40 + 30 + 100 over 30 s = 5.67/s
        assertThat(r.events()).containsExactly("FIRING@30s");
        assertThat(r.last().value()).isEqualTo(170.0 / 30.0);
    }

    @Test
    void lastNeedsNoWindowAndKeepsItsValue() {
        Recorder r = rule(Condition.last("queue").above(100));
        r.sample("queue", 0, 150).advance(10 * 60 * M);
        assertThat(r.events()).containsExactly("FIRING@0m");
    }

    @Test
    void twoWindowsOnOneSeriesEvaluateInTimeOrder() {
        Recorder r = rule(Condition.avg("cpu_usage").over(Duration.ofMinutes(1)).atLeast(80));
        r.rule(Recorder.simple("long", Condition.max("cpu_usage").over(FIVE_MIN).atLeast(95)));
        r.sample("cpu_usage", 0, 96).sample("cpu_usage", 30 * S, 70);   // avg 83 until 96 leaves at 1m
        r.advance(6 * M);
        assertThat(r.transitions).extracting(t -> t.ruleId() + ":" + Recorder.describe(t))
                .containsExactly("r:FIRING@0m", "long:FIRING@0m", "r:RESOLVED@1m", "long:RESOLVED@5m");
    }

    @Test
    void twoConditionsOnOneSeriesSettleTheInstanceOnce() {
        Recorder r = Recorder.noFloors().rule(io.vigil.alerting.api.AlertRule.named("both").id("both")
                .cooldown(Duration.ZERO)
                .when(Condition.avg("cpu_usage").over(FIVE_MIN).atLeast(80))
                .and(Condition.max("cpu_usage").over(Duration.ofMinutes(1)).atLeast(95)));
        r.sample("cpu_usage", 0, 70).sample("cpu_usage", 1 * M, 96);   // avg 83, max 96: both hold
        assertThat(r.events()).containsExactly("FIRING@1m");
        assertThat(r.last().conditions()).extracting(ConditionValue::value).containsExactly(83.0, 96.0);
        r.sample("cpu_usage", 110 * S, 90);   // max over (50s, 110s] is still 96
        assertThat(r.events()).containsExactly("FIRING@1m");
        r.advance(120 * S);                    // the 96 leaves the 1-minute window at 2m
        assertThat(r.events()).containsExactly("FIRING@1m", "RESOLVED@2m");
        assertThat(r.last().conditions()).extracting(ConditionValue::value).containsExactly(256.0 / 3, 90.0);
    }

    @Test
    void windowsStayExactOverMonthsOfSamples() {
        // Sample times are kept as int offsets in the ring: two months is far past an int's range in ms.
        Condition condition = Condition.avg("load").over(Duration.ofDays(10)).above(49.5).build();
        Recorder r = Recorder.noFloors().rule(io.vigil.alerting.api.AlertRule.named("r").id("r")
                .when(condition).cooldown(Duration.ZERO));
        java.util.Random random = new java.util.Random(7);
        int n = 240;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = Recorder.T0 + i * 6 * 60 * M + random.nextInt(1000);
            values[i] = random.nextInt(100);
        }
        NaiveReference reference = new NaiveReference(condition, 0, times, values);
        for (int i = 0; i < n; i++) {
            r.engine.onSample(io.vigil.alerting.api.Sample.of("load", values[i], times[i],
                    io.vigil.alerting.api.Labels.of("host", "a")), r);
            double engine = r.engine.evaluate(null, times[i]).get(0).instances().get(0).conditions().get(0).value();
            assertThat(engine).as("after sample %d", i).isEqualTo(reference.valueAt(times[i]));
        }
        for (long at = times[n - 1]; at <= times[n - 1] + 10L * 24 * 60 * M; at += 7 * 60 * M + 13) {
            double engine = r.engine.evaluate(null, at).get(0).instances().get(0).conditions().get(0).value();
            assertThat(engine).as("at %d", at).isEqualTo(reference.valueAt(at));
        }
        assertThat(r.transitions).isNotEmpty();
        for (AlertTransition t : r.transitions) {   // the running aggregates agree with a recomputation
            assertThat(t.value()).as(t.toString()).isEqualTo(reference.valueAt(t.timeMillis()));
        }
        r.engine.advanceTo(times[n - 1] + 11L * 24 * 60 * M, r);
        assertThat(r.engine.evaluate(null, times[n - 1] + 11L * 24 * 60 * M).get(0).instances().get(0)
                .conditions().get(0).value()).isNaN();
    }
}
