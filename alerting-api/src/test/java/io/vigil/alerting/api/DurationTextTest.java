package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"0s, PT0S", "90s, PT1M30S", "5m, PT5M", "1h30m, PT1H30M", "2d, PT48H", "250ms, PT0.25S",
            "1d2h3m4s5ms, PT26H3M4.005S", "1500ms, PT1.5S", "PT5M, PT5M", "pt1h, PT1H", "P1D, PT24H", "  7m  , PT7M",
            "3650d, PT87600H"})
    void parses(String text, Duration expected) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5", "5 m", "1.5h", "5M", "m", "1m1h", "5mm", "PT", "P1Y", "-5m", "5m ago",
            "99999999999999999d", "PT9999999999999999H"})
    void rejects(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeIsoDurationsParseSoTheModelCanRejectThemWithItsOwnMessage() {
        assertThat(DurationText.parse("-PT5M")).isEqualTo(Duration.ofMinutes(-5));
    }

    @Test
    void writesTheCompactFormLargestUnitFirst() {
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationText.format(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(DurationText.format(Duration.ofDays(3).plusMillis(7))).isEqualTo("3d7ms");
        assertThat(DurationText.format(Duration.ofMillis(1))).isEqualTo("1ms");
    }

    @Test
    void subMillisecondDurationsAreWrittenInIsoSoNothingIsLost() {
        Duration d = Duration.ofSeconds(5, 1);
        assertThat(DurationText.format(d)).isEqualTo("PT5.000000001S");
        assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
    }

    @Test
    void seedNumbersInTheirUnit() {
        assertThat(DurationText.ofNumber(300, Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.ofNumber(0.5, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.ofNumber(0.1, Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(100));
        assertThat(DurationText.ofNumber(-1, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(-1));
        assertThatThrownBy(() -> DurationText.ofNumber(Double.NaN, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.ofNumber(1e300, Duration.ofSeconds(1))).hasMessageContaining("3650 days");
    }

    @Test
    void aCallerMayChooseItsOwnLimit() {
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        assertThatThrownBy(() -> DurationText.parse("175201h")).hasMessageContaining("3650 days");
        assertThat(DurationText.parse("175201h", forever)).isEqualTo(Duration.ofHours(175_201));
        assertThat(DurationText.parse("PT2562047788015215H", forever)).isEqualTo(Duration.ofHours(2_562_047_788_015_215L));
        assertThatThrownBy(() -> DurationText.parse("9223372036854775807m", forever)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("11s", Duration.ofSeconds(10))).hasMessageContaining("PT10S");
        assertThatThrownBy(() -> DurationText.parse("-PT11S", Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        assertThat(DurationText.parse("10s", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }
}
