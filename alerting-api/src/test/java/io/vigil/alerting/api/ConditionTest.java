package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static io.vigil.alerting.api.ValidationAssertions.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionTest {

    private static final Duration M5 = Duration.ofMinutes(5);

    @Test
    void lastNeedsNoWindow() {
        Condition c = Condition.last("cpu_usage").above(80).build();
        assertThat(c.window()).isZero();
        assertThat(c.holdFor()).isZero();
        assertThat(c.aggregation()).isEqualTo(Aggregation.LAST);
        assertThat(c.describe()).isEqualTo("cpu_usage > 80");
    }

    @Test
    void everyWindowedAggregationNeedsAWindow() {
        for (Condition.Builder b : List.of(Condition.avg("m"), Condition.min("m"), Condition.max("m"),
                Condition.sum("m"), Condition.count("m"), Condition.rate("m"))) {
            assertThat(codesAndPaths(() -> b.above(1).build())).containsExactly("MISSING_FIELD@window");
            assertThat(codesAndPaths(() -> b.over(Duration.ZERO).above(1).build())).containsExactly("INVALID_CONDITION@window");
            assertThat(b.over(M5).above(1).build().window()).isEqualTo(M5);
        }
    }

    @Test
    void everyProblemOfAConditionIsReported() {
        List<String> problems = codesAndPaths(() -> new Condition(" ", "1bad", "also bad!", null, null, null,
                Duration.ofSeconds(-1), Duration.ofSeconds(-2), null));
        assertThat(problems).containsExactly(
                "MISSING_FIELD@id",
                "INVALID_CONDITION@metric",
                "INVALID_CONDITION@metricType",
                "INVALID_CONDITION@operator",
                "INVALID_CONDITION@aggregation",
                "INVALID_DURATION@window",
                "INVALID_DURATION@holdFor");
    }

    @Test
    void missingMetricThresholdWindowAndHoldTime() {
        assertThat(codesAndPaths(() -> new Condition("c", null, null, Operator.GREATER_THAN, null, Aggregation.LAST,
                null, null, null))).containsExactly(
                "MISSING_FIELD@metric", "MISSING_FIELD@threshold", "MISSING_FIELD@window", "MISSING_FIELD@holdFor");
    }

    @Test
    void unknownOperatorTextGivesNoOperatorAndTheErrorListsTheAcceptedOnes() {
        assertThat(Operator.parse("greater_than_ish")).isEmpty();
        List<ValidationError> errors = errorsOf(() -> Condition.last("m").compare(Operator.parse("~").orElse(null),
                Threshold.of(1)).build());
        assertThat(errors).extracting(ValidationError::path).containsExactly("operator");
        assertThat(errors.get(0).message()).contains(">=", "not_in", "greater_than");
    }

    @Test
    void thresholdsOfTheWrongShapeAreRejected() {
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.BETWEEN, Threshold.of(1)).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.GREATER_THAN, Threshold.range(1, 2)).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.EQUAL, Threshold.anyOf(1, 2)).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.IN, Threshold.anyOf(new double[0])).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.GREATER_THAN, Threshold.text("up")).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.NOT_EQUAL, Threshold.anyOf("a", "b")).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.IN, new Threshold.Texts(List.of())).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
    }

    @Test
    void nonFiniteThresholdsAreRejectedWherePathsNameTheBadEnd() {
        assertThat(codesAndPaths(() -> Condition.last("m").above(Double.POSITIVE_INFINITY).build()))
                .containsExactly("INVALID_THRESHOLD@threshold");
        assertThat(codesAndPaths(() -> Condition.last("m").between(Double.NaN, 1).build()))
                .containsExactly("INVALID_THRESHOLD@threshold[0]");
        // both ends infinite and reversed: reported, and the message is formatted without crashing
        List<ValidationError> reversed = errorsOf(() -> Condition.last("m")
                .between(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).build());
        assertThat(reversed).extracting(e -> e.code() + "@" + e.path()).containsExactly(
                "INVALID_THRESHOLD@threshold[0]", "INVALID_THRESHOLD@threshold[1]", "INVALID_THRESHOLD@threshold");
        assertThat(reversed.get(2).message()).contains("Infinity");
        assertThat(codesAndPaths(() -> Condition.last("m").compare(Operator.IN, Threshold.anyOf(1, Double.NaN)).build()))
                .containsExactly("INVALID_THRESHOLD@threshold[1]");
    }

    @Test
    void recoveryThresholdFollowsTheSameShapeRules() {
        assertThat(codesAndPaths(() -> Condition.last("m").above(80).recoveryThreshold(Threshold.range(1, 2)).build()))
                .containsExactly("INVALID_THRESHOLD@recoveryThreshold");
        assertThat(codesAndPaths(() -> Condition.last("m").above(80).recoverAt(Double.NaN).build()))
                .containsExactly("INVALID_THRESHOLD@recoveryThreshold");
    }

    @Test
    void recoveryThresholdGivesHysteresis() {
        Condition c = Condition.last("m").above(80).recoverAt(70).build();
        assertThat(c.test(81)).isTrue();
        assertThat(c.test(75)).isFalse();
        assertThat(c.stillFiring(75)).isTrue();
        assertThat(c.stillFiring(70)).isFalse();
        Condition plain = Condition.last("m").above(80).build();
        assertThat(plain.stillFiring(75)).isFalse();
        assertThat(plain.stillFiring(81)).isTrue();
    }

    @Test
    void stateConditionsCompareStrings() {
        Condition in = Condition.last("vmStatus").in("stopped", "error").build();
        assertThat(in.comparesStates()).isTrue();
        assertThat(in.test("error")).isTrue();
        assertThat(in.test("running")).isFalse();
        assertThat(in.test(1.0)).isFalse();
        Condition is = Condition.last("vmStatus").is("running").build();
        assertThat(is.test("running")).isTrue();
        assertThat(Condition.last("vmStatus").isNot("running").build().test("stopped")).isTrue();
        assertThat(Condition.last("vmStatus").notIn("a").build().test("b")).isTrue();
        assertThat(Condition.last("m").above(1).build().comparesStates()).isFalse();
    }

    @Test
    void seriesMetricResolvesSeedAliasesPreferringTheMetricType() {
        assertThat(Condition.last("cpu").above(1).build().seriesMetric()).isEqualTo("cpu_usage");
        assertThat(Condition.last("memory").metricType("memory.usagePercent").above(1).build().seriesMetric())
                .isEqualTo("memory_usage");
        assertThat(Condition.last("network").metricType("network.txBytesPerSecond").above(1).build().seriesMetric())
                .isEqualTo("network_transmit_bytes_per_second");
        assertThat(Condition.last("response_time_ms").above(1).build().seriesMetric()).isEqualTo("response_time_ms");
    }

    @Test
    void describeUsesShortDurationsAndAggregationSyntax() {
        assertThat(Condition.rate("requests_total").over(Duration.ofSeconds(90)).above(10).build().describe())
                .isEqualTo("rate(requests_total[90s]) > 10");
        assertThat(Condition.max("m").over(Duration.ofHours(2)).below(0.5).holdFor(Duration.ofMillis(1500)).build().describe())
                .isEqualTo("max(m[2h]) < 0.5 for 1500ms");
        assertThat(Condition.last("m").outside(-1.5, 2).holdFor(Duration.ofDays(1)).build().describe())
                .isEqualTo("m outside [-1.5, 2] for 1d");
    }

    @Test
    void builderShortcutsSetOperatorAndThreshold() {
        assertThat(Condition.last("m").atMost(3).build().operator()).isEqualTo(Operator.LESS_OR_EQUAL);
        assertThat(Condition.last("m").equalTo(3).build().operator()).isEqualTo(Operator.EQUAL);
        assertThat(Condition.last("m").notEqualTo(3).build().operator()).isEqualTo(Operator.NOT_EQUAL);
        assertThat(Condition.last("m").outside(1, 2).build().threshold()).isEqualTo(Threshold.range(1, 2));
    }

    @Test
    void toBuilderRoundTrips() {
        Condition c = Condition.avg("cpu").metricType("cpu.usagePercent").over(M5).atLeast(80).recoverAt(70)
                .holdFor(M5).id("x").build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }
}
