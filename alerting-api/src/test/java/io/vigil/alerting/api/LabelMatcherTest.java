package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static org.assertj.core.api.Assertions.assertThat;

class LabelMatcherTest {

    private static final Labels WEB = Labels.of("host", "web-1", "env", "prod");

    @Test
    void equalAndNotEqualTreatAMissingLabelAsEmpty() {
        assertThat(LabelMatcher.equal("env", "prod").matches(WEB)).isTrue();
        assertThat(LabelMatcher.equal("env", "dev").matches(WEB)).isFalse();
        assertThat(LabelMatcher.equal("zone", "").matches(WEB)).isTrue();
        assertThat(LabelMatcher.of("env", LabelMatcher.Type.NOT_EQUAL, "dev").matches(WEB)).isTrue();
        assertThat(LabelMatcher.of("zone", LabelMatcher.Type.NOT_EQUAL, "a").matches(WEB)).isTrue();
    }

    @Test
    void regexesMatchTheWholeValue() {
        assertThat(LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-\\d+").matches(WEB)).isTrue();
        assertThat(LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web").matches(WEB)).isFalse();
        assertThat(LabelMatcher.of("host", LabelMatcher.Type.NOT_REGEX, "db-.*").matches(WEB)).isTrue();
        assertThat(LabelMatcher.of("host", LabelMatcher.Type.NOT_REGEX, "web-.*").matches(WEB)).isFalse();
    }

    @Test
    void invalidInputGivesCodes() {
        assertThat(codesAndPaths(() -> LabelMatcher.of("host", LabelMatcher.Type.REGEX, "(")))
                .containsExactly("INVALID_FIELD@labels.host");
        assertThat(codesAndPaths(() -> LabelMatcher.equal(" ", "x"))).containsExactly("MISSING_FIELD@labels");
        assertThat(codesAndPaths(() -> LabelMatcher.equal(null, "x"))).containsExactly("MISSING_FIELD@labels");
    }

    @Test
    void typeParsesSymbolsAndNames() {
        assertThat(LabelMatcher.Type.parse("=")).contains(LabelMatcher.Type.EQUAL);
        assertThat(LabelMatcher.Type.parse("equal")).contains(LabelMatcher.Type.EQUAL);
        assertThat(LabelMatcher.Type.parse("!=")).contains(LabelMatcher.Type.NOT_EQUAL);
        assertThat(LabelMatcher.Type.parse("=~")).contains(LabelMatcher.Type.REGEX);
        assertThat(LabelMatcher.Type.parse(" NOT_REGEX ")).contains(LabelMatcher.Type.NOT_REGEX);
        assertThat(LabelMatcher.Type.parse("~")).isEmpty();
        assertThat(LabelMatcher.Type.parse(null)).isEmpty();
    }

    @Test
    void valueSemanticsAndPromQlText() {
        LabelMatcher m = LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-.*");
        assertThat(m).isEqualTo(LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-.*"))
                .hasSameHashCodeAs(LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-.*"))
                .isNotEqualTo(LabelMatcher.of("host", LabelMatcher.Type.NOT_REGEX, "web-.*"))
                .hasToString("host=~\"web-.*\"");
        assertThat(m.name()).isEqualTo("host");
        assertThat(m.type()).isEqualTo(LabelMatcher.Type.REGEX);
        assertThat(m.value()).isEqualTo("web-.*");
    }
}
