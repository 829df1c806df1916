package io.vigil.collectors;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.Labels;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorContextTest {

    private static CollectorContext with(String key, String value) {
        return CollectorContext.builder().property(key, value).build();
    }

    @Test
    void durationsInEveryAcceptedForm() {
        assertThat(with("i", "500ms").durationProperty("i", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(with("i", "10s").durationProperty("i", null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(with("i", " 5m ").durationProperty("i", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(with("i", "2h").durationProperty("i", null)).isEqualTo(Duration.ofHours(2));
        assertThat(with("i", "PT1M30S").durationProperty("i", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(with("i", "0s").durationProperty("i", null)).isZero();
    }

    @Test
    void anAbsentOrBlankDurationGivesTheDefault() {
        Duration fallback = Duration.ofSeconds(7);
        assertThat(CollectorContext.builder().build().durationProperty("i", fallback)).isSameAs(fallback);
        assertThat(with("i", "  ").durationProperty("i", fallback)).isSameAs(fallback);
    }

    @Test
    void malformedNegativeOrHugeDurationsAreRefusedNamingTheKey() {
        for (String bad : List.of("5", "s", "ms", "5x", "1.5s", "-5s", "PT-1S", "P", "9223372036854775807m", "99999999999999999999s")) {
            assertThatThrownBy(() -> with("gpu.interval", bad).durationProperty("gpu.interval", Duration.ZERO))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gpu.interval")
                    .hasMessageContaining(bad.trim());
        }
    }

    @Test
    void listsAreTrimmedAndAnEmptyValueSwitchesTheDefaultOff() {
        List<String> fallback = List.of("/proc");
        assertThat(with("x", " /sys, ,/dev ,").listProperty("x", fallback)).containsExactly("/sys", "/dev");
        assertThat(with("x", "").listProperty("x", fallback)).isEmpty();
        assertThat(CollectorContext.builder().build().listProperty("x", fallback)).isSameAs(fallback);
    }

    @Test
    void booleansAreStrict() {
        assertThat(with("b", "TRUE").booleanProperty("b", false)).isTrue();
        assertThat(with("b", "false").booleanProperty("b", true)).isFalse();
        assertThat(CollectorContext.builder().build().booleanProperty("b", true)).isTrue();
        assertThatThrownBy(() -> with("b", "yes").booleanProperty("b", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
    }

    @Test
    void propertiesUnderAPrefixLoseThePrefix() {
        CollectorContext ctx = CollectorContext.builder()
                .properties(Map.of("labels.rack", "r1", "labels.dc", "eu", "labels.", "x", "interval", "5s"))
                .build();
        assertThat(ctx.propertiesWithPrefix("labels.")).containsExactly(Map.entry("dc", "eu"), Map.entry("rack", "r1"));
    }

    @Test
    void defaultsAndGivenParts() {
        CollectorContext plain = CollectorContext.builder().build();
        assertThat(plain.hostLabels()).isEqualTo(Labels.empty());
        assertThat(plain.health().isHealthy()).isTrue();
        assertThat(plain.property("missing")).isEmpty();
        assertThat(plain.property("missing", "d")).isEqualTo("d");

        Clock clock = new ManualClock(Instant.EPOCH);
        CollectorHealth health = new CollectorHealth(clock);
        CollectorContext given = CollectorContext.builder().clock(clock).health(health)
                .hostLabels(Labels.of("host", "h1")).property("k", "v").build();
        assertThat(given.clock()).isSameAs(clock);
        assertThat(given.health()).isSameAs(health);
        assertThat(given.hostLabels()).isEqualTo(Labels.of("host", "h1"));
        assertThat(given.properties()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void theContextDoesNotChangeWhenItsBuilderDoes() {
        CollectorContext.Builder builder = CollectorContext.builder().property("a", "1");
        CollectorContext ctx = builder.build();
        builder.property("b", "2");
        assertThat(ctx.properties()).containsOnlyKeys("a");
        assertThatThrownBy(() -> ctx.properties().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
