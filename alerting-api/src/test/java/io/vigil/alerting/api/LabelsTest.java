package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsTest {

    @Test
    void sortedByNameWhateverTheInputOrder() {
        Labels l = Labels.of("host", "web-1", "env", "prod", "az", "b");
        assertThat(l.nameAt(0)).isEqualTo("az");
        assertThat(l.nameAt(1)).isEqualTo("env");
        assertThat(l.nameAt(2)).isEqualTo("host");
        assertThat(l.valueAt(2)).isEqualTo("web-1");
        assertThat(l.asMap().keySet()).containsExactly("az", "env", "host");
        assertThat(l).hasToString("{az=\"b\", env=\"prod\", host=\"web-1\"}");
    }

    @Test
    void equalityAndHashIgnoreInsertionOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("env", "prod");
        m.put("host", "web-1");
        Labels a = Labels.of("host", "web-1", "env", "prod");
        Labels b = Labels.of(m);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Labels.of("host", "web-1", "env", "dev"));
        assertThat(a).isNotEqualTo(Labels.of("host", "web-1"));
        assertThat(a.compareTo(b)).isZero();
    }

    @Test
    void lookups() {
        Labels l = Labels.of("host", "web-1");
        assertThat(l.get("host")).isEqualTo("web-1");
        assertThat(l.get("env")).isNull();
        assertThat(l.find("env")).isEmpty();
        assertThat(l.find("host")).contains("web-1");
        assertThat(l.has("host")).isTrue();
        assertThat(l.has("env")).isFalse();
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.isEmpty()).isFalse();
        assertThat(Labels.empty().isEmpty()).isTrue();
        assertThat(Labels.of()).isSameAs(Labels.empty());
        assertThat(Labels.of((Map<String, String>) null)).isSameAs(Labels.empty());
    }

    @Test
    void withReplacesOrAddsAndLeavesTheOriginal() {
        Labels l = Labels.of("host", "web-1");
        Labels changed = l.with("host", "web-2").with("env", "prod");
        assertThat(changed).isEqualTo(Labels.of("env", "prod", "host", "web-2"));
        assertThat(l).isEqualTo(Labels.of("host", "web-1"));
        assertThatThrownBy(() -> l.with("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.with(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.with("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keepHoldsOnlyPresentNamedLabels() {
        Labels l = Labels.of("host", "web-1", "env", "prod", "az", "b");
        assertThat(l.keep(List.of("host", "env", "missing"))).isEqualTo(Labels.of("host", "web-1", "env", "prod"));
        assertThat(l.keep(List.of())).isSameAs(Labels.empty());
    }

    @Test
    void mergeLetsTheOtherSideWin() {
        Labels a = Labels.of("host", "web-1", "env", "prod");
        Labels b = Labels.of("env", "dev", "az", "b");
        assertThat(a.merge(b)).isEqualTo(Labels.of("host", "web-1", "env", "dev", "az", "b"));
        assertThat(b.merge(a)).isEqualTo(Labels.of("host", "web-1", "env", "prod", "az", "b"));
        assertThat(a.merge(Labels.empty())).isSameAs(a);
        assertThat(Labels.empty().merge(a)).isSameAs(a);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Labels.of("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Labels.of("a", "1", "a", "2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Labels.of("", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Labels.of("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void asMapIsUnmodifiable() {
        assertThatThrownBy(() -> Labels.of("a", "1").asMap().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringEscapesQuotesAndBackslashes() {
        assertThat(Labels.of("path", "C:\\x \"y\"")).hasToString("{path=\"C:\\\\x \\\"y\\\"\"}");
    }

    @Test
    void compareToOrdersByPairsThenSize() {
        assertThat(Labels.of("a", "1").compareTo(Labels.of("a", "2"))).isNegative();
        assertThat(Labels.of("a", "1").compareTo(Labels.of("b", "0"))).isNegative();
        assertThat(Labels.of("a", "1").compareTo(Labels.of("a", "1", "b", "1"))).isNegative();
        assertThat(Labels.of("a", "1", "b", "1").compareTo(Labels.of("a", "1"))).isPositive();
    }
}
