package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ">|GREATER_THAN", "greater_than|GREATER_THAN", "GREATER_THAN|GREATER_THAN", " gt |GREATER_THAN",
            "<|LESS_THAN", "less_than|LESS_THAN",
            ">=|GREATER_OR_EQUAL", "greater_than_or_equal|GREATER_OR_EQUAL", "gte|GREATER_OR_EQUAL",
            "<=|LESS_OR_EQUAL", "less_than_or_equal|LESS_OR_EQUAL",
            "==|EQUAL", "equals|EQUAL", "=|EQUAL",
            "!=|NOT_EQUAL", "not_equals|NOT_EQUAL", "<>|NOT_EQUAL",
            "in|IN", "IN|IN", "not_in|NOT_IN", "not in|NOT_IN",
            "between|BETWEEN", "outside|OUTSIDE", "not_between|OUTSIDE"})
    void parsesSymbolsAndSeed000Words(String text, Operator expected) {
        assertThat(Operator.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"'', ~", "=>, bigger", "greater, '>>'"})
    void rejectsUnknownSpellings(String a, String b) {
        assertThat(Operator.parse(a)).isEmpty();
        assertThat(Operator.parse(b)).isEmpty();
    }

    @Test
    void nullParsesToNothing() {
        assertThat(Operator.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    void everySymbolParsesBackAndExactlyOneShapeFamilyApplies(Operator op) {
        assertThat(Operator.parse(op.symbol())).contains(op);
        op.aliases().forEach(a -> assertThat(Operator.parse(a)).contains(op));
        int families = (op.isOrdering() ? 1 : 0) + (op.isRange() ? 1 : 0) + (op.isMembership() ? 1 : 0);
        boolean equality = op == Operator.EQUAL || op == Operator.NOT_EQUAL;
        assertThat(families + (equality ? 1 : 0)).isEqualTo(1);
        assertThat(Operator.accepted()).contains(op.symbol());
    }
}
