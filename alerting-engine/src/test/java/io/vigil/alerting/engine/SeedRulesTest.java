package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static io.vigil.alerting.engine.Recorder.S;
import static io.vigil.alerting.engine.Recorder.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example rule of seed 000 ("integrated alert system API usage"), built with the fluent
 * builder, fires and resolves on a scripted series as its description says: a breach shorter
 * than {@code duration_minutes} does nothing, a longer one fires exactly that long after it
 * began, escalates after {@code escalation_minutes}, and resolves at the first healthy sample.
 */
class SeedRulesTest {

    /** One seed rule: its JSON fields, plus a healthy and a breaching value for the script. */
    record Seed(String name, String metric, boolean lessThan, double value, int durationMinutes, Severity severity,
                int cooldownMinutes, Integer escalationMinutes, Labels tags, double healthy, double breaching) {

        AlertRule rule() {
            Condition.Builder condition = lessThan ? Condition.last(metric).below(value) : Condition.last(metric).above(value);
            NotificationPolicy.Builder notify = NotificationPolicy.builder().channels(Channels.EMAIL, Channels.DISCORD);
            if (escalationMinutes != null) {
                notify.escalateAfter(Duration.ofMinutes(escalationMinutes));
            }
            AlertRule.Builder b = AlertRule.named(name).id(name)
                    .when(condition.holdFor(Duration.ofMinutes(durationMinutes)))
                    .severity(severity).cooldown(Duration.ofMinutes(cooldownMinutes)).notifications(notify.build());
            for (int i = 0; i < tags.size(); i++) {
                b.where(tags.nameAt(i), tags.valueAt(i));
            }
            return b.build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Seed> seeds() {
        Labels web = Labels.of("service", "web-server", "environment", "production");
        Labels none = Labels.empty();
        return Stream.of(
                new Seed("cpu_usage_high", "cpu_usage", false, 80, 5, Severity.HIGH, 30, 60, web, 45, 92),
                new Seed("memory_usage_critical", "memory_usage", false, 90, 2, Severity.CRITICAL, 15, 30, none, 60, 95),
                new Seed("disk_space_low", "disk_free_percent", true, 10, 1, Severity.CRITICAL, 60, 120, none, 40, 4),
                new Seed("api_response_slow", "response_time_ms", false, 2000, 3, Severity.MEDIUM, 15, null, none, 250, 3500),
                new Seed("error_rate_high", "error_rate", false, 5, 2, Severity.HIGH, 20, null, none, 0.5, 7.5),
                new Seed("db_connections_high", "db_connections", false, 100, 5, Severity.MEDIUM, 30, null, none, 40, 130),
                new Seed("slow_query_detected", "query_execution_time", false, 5000, 1, Severity.HIGH, 10, null, none, 120, 6200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void firesAndResolvesAsDescribed(Seed seed) {
        Recorder r = new Recorder(EngineSettings.defaults());
        r.engine.putRule(seed.rule());
        Labels labels = seed.tags().with("host", "web-1");
        long hold = seed.durationMinutes() * M;
        int escalation = seed.escalationMinutes() == null ? 0 : seed.escalationMinutes();
        long breachStart = 10 * M;
        long firedAt = breachStart + hold;
        long breachEnd = firedAt + escalation * M + 5 * M;
        List<long[]> script = new ArrayList<>();
        // healthy; a blip shorter than the hold time; healthy; a long breach; healthy again
        for (long t = 0; t < 20 * M + breachEnd; t += 30 * S) {
            boolean blip = t >= 2 * M && t < 2 * M + hold - 30 * S;
            boolean breach = t >= breachStart && t < breachEnd;
            script.add(new long[] {t, blip || breach ? 1 : 0});
        }
        for (long[] step : script) {
            r.sample(seed.metric(), labels, step[0], step[1] == 1 ? seed.breaching() : seed.healthy());
        }
        r.advance(20 * M + breachEnd);

        List<String> expected = new ArrayList<>(List.of("PENDING@" + Recorder.offset(T0 + 2 * M)));
        if (hold > 30 * S) {
            expected.add("CANCELLED@" + Recorder.offset(T0 + 2 * M + hold - 30 * S));
        }
        expected.add("PENDING@10m");
        expected.add("FIRING@" + Recorder.offset(T0 + firedAt));
        if (escalation > 0) {
            expected.add("ESCALATED@" + Recorder.offset(T0 + firedAt + escalation * M));
        }
        expected.add("RESOLVED@" + Recorder.offset(T0 + breachEnd));
        assertThat(r.events()).containsExactlyElementsOf(expected);

        AlertTransition firing = r.transitions.stream().filter(t -> t.kind() == AlertTransition.Kind.FIRING)
                .findFirst().orElseThrow();
        assertThat(firing.ruleName()).isEqualTo(seed.name());
        assertThat(firing.severity()).isEqualTo(seed.severity());
        assertThat(firing.labels()).isEqualTo(labels);
        assertThat(firing.value()).isEqualTo(seed.breaching());
        assertThat(firing.conditionText()).isEqualTo(seed.metric() + (seed.lessThan() ? " < " : " > ")
                + io.vigil.alerting.api.Threshold.of(seed.value()).display()
                + " for " + seed.durationMinutes() + "m");
        assertThat(r.last().value()).isEqualTo(seed.healthy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seriesOutsideTheTagsAreLeftAlone(Seed seed) {
        if (seed.tags().isEmpty()) {
            return;
        }
        Recorder r = new Recorder(EngineSettings.defaults());
        r.engine.putRule(seed.rule());
        for (long t = 0; t < 60 * M; t += 30 * S) {
            r.sample(seed.metric(), Labels.of("service", "web-server", "environment", "staging"), t, seed.breaching());
        }
        assertThat(r.events()).isEmpty();
    }
}
