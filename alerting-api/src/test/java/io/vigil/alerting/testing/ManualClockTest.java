package io.vigil.alerting.testing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void standsStillUntilMoved() {
        ManualClock clock = new ManualClock(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(T0.plusSeconds(90).toEpochMilli());
        clock.set(T0.minusSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
    }

    @Test
    void refusesToRunBackwardsByAdvance() {
        ManualClock clock = new ManualClock(T0);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void aZonedCopySharesTheTime() {
        ManualClock clock = new ManualClock(T0);
        Clock seoul = clock.withZone(ZoneId.of("Asia/Seoul"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(seoul.instant()).isEqualTo(T0.plusSeconds(60));
        assertThat(seoul.getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
    }
}
