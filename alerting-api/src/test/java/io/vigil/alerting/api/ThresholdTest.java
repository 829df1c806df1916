package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdTest {

    @ParameterizedTest
    @CsvSource({
            "GREATER_THAN, 80, 80.1, true", "GREATER_THAN, 80, 80, false",
            "LESS_THAN, 10, 9.99, true", "LESS_THAN, 10, 10, false",
            "GREATER_OR_EQUAL, 80, 80, true", "GREATER_OR_EQUAL, 80, 79.9, false",
            "LESS_OR_EQUAL, 10, 10, true", "LESS_OR_EQUAL, 10, 10.1, false",
            "EQUAL, 1, 1, true", "EQUAL, 1, 2, false",
            "NOT_EQUAL, 1, 2, true", "NOT_EQUAL, 1, 1, false",
            "IN, 1, 1, true", "NOT_IN, 1, 1, false",
            "BETWEEN, 1, 1, false"})
    void singleNumber(Operator op, double threshold, double value, boolean expected) {
        assertThat(Threshold.of(threshold).test(op, value)).isEqualTo(expected);
    }

    @Test
    void rangeIncludesBothEndsForBetweenAndExcludesThemForOutside() {
        Threshold r = Threshold.range(10, 20);
        assertThat(r.test(Operator.BETWEEN, 10)).isTrue();
        assertThat(r.test(Operator.BETWEEN, 20)).isTrue();
        assertThat(r.test(Operator.BETWEEN, 20.001)).isFalse();
        assertThat(r.test(Operator.OUTSIDE, 10)).isFalse();
        assertThat(r.test(Operator.OUTSIDE, 9.999)).isTrue();
        assertThat(r.test(Operator.OUTSIDE, 21)).isTrue();
        assertThat(r.test(Operator.GREATER_THAN, 100)).isFalse();
        assertThat(r.test(Operator.BETWEEN, "10")).isFalse();
    }

    @Test
    void numberSets() {
        Threshold set = Threshold.anyOf(1, 2, 3);
        assertThat(set.test(Operator.IN, 2)).isTrue();
        assertThat(set.test(Operator.IN, 4)).isFalse();
        assertThat(set.test(Operator.NOT_IN, 4)).isTrue();
        assertThat(set.test(Operator.NOT_IN, 3)).isFalse();
        assertThat(set.test(Operator.GREATER_THAN, 10)).isFalse();
        assertThat(set.test(Operator.IN, "2")).isFalse();
    }

    @Test
    void textsCompareExactly() {
        assertThat(Threshold.text("running").test(Operator.EQUAL, "running")).isTrue();
        assertThat(Threshold.text("running").test(Operator.EQUAL, "Running")).isFalse();
        assertThat(Threshold.text("running").test(Operator.NOT_EQUAL, "stopped")).isTrue();
        assertThat(Threshold.text("running").test(Operator.GREATER_THAN, "z")).isFalse();
        assertThat(Threshold.text("1").test(Operator.EQUAL, 1.0)).isFalse();
        assertThat(Threshold.anyOf("a", "b").test(Operator.IN, "b")).isTrue();
        assertThat(Threshold.anyOf("a", "b").test(Operator.NOT_IN, "b")).isFalse();
        assertThat(Threshold.anyOf("a", "b").test(Operator.NOT_IN, "c")).isTrue();
        assertThat(Threshold.anyOf("a", "b").test(Operator.IN, 1.0)).isFalse();
    }

    @Test
    void nanNeverSatisfiesAnOrdering() {
        for (Operator op : List.of(Operator.GREATER_THAN, Operator.LESS_THAN, Operator.GREATER_OR_EQUAL,
                Operator.LESS_OR_EQUAL, Operator.EQUAL)) {
            assertThat(Threshold.of(1).test(op, Double.NaN)).as(op.name()).isFalse();
        }
        assertThat(Threshold.range(0, 1).test(Operator.BETWEEN, Double.NaN)).isFalse();
    }

    @Test
    void displayIsCompact() {
        assertThat(Threshold.of(80).display()).isEqualTo("80");
        assertThat(Threshold.of(-0.25).display()).isEqualTo("-0.25");
        assertThat(Threshold.of(1e20).display()).isEqualTo("100000000000000000000");
        assertThat(Threshold.of(Double.NaN).display()).isEqualTo("NaN");
        assertThat(Threshold.of(Double.NEGATIVE_INFINITY).display()).isEqualTo("-Infinity");
        assertThat(Threshold.range(1.5, 2).display()).isEqualTo("[1.5, 2]");
        assertThat(Threshold.anyOf(1, 2.5).display()).isEqualTo("[1, 2.5]");
        assertThat(Threshold.text("up").display()).isEqualTo("up");
        assertThat(Threshold.anyOf("a", "b").display()).isEqualTo("[a, b]");
    }

    @Test
    void valueSemantics() {
        assertThat(Threshold.of(1)).isEqualTo(Threshold.of(1.0)).isNotEqualTo(Threshold.anyOf(1));
        assertThat(Threshold.range(1, 2)).isEqualTo(Threshold.range(1, 2)).isNotEqualTo(Threshold.anyOf(1, 2));
        List<Double> source = new java.util.ArrayList<>(Arrays.asList(1.0, 2.0));
        Threshold.Numbers copy = new Threshold.Numbers(source);
        source.add(3.0);
        assertThat(copy.values()).containsExactly(1.0, 2.0);
    }
}
