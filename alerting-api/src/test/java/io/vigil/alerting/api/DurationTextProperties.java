package io.vigil.alerting.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The parser reads configuration files, rule documents and settings, so anything may reach it. */
class DurationTextProperties {

    @Property(tries = 1000)
    void anyTextParsesOrIsRefusedWithAnIllegalArgument(@ForAll @StringLength(max = 30) String text) {
        Throwable thrown = catchThrowable(() -> assertThat(DurationText.parse(text)).isNotNull());
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        }
    }

    /** Text made of the characters durations are written with, so overflows, signs and odd orders come up often. */
    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.strings().withCharRange('0', '9')
                .withChars('-', '+', '.', 'P', 'T', 'D', 'S', 'M', 'H', 'd', 's', 'm', 'h', ' ')
                .ofMinLength(1).ofMaxLength(25);
    }

    @Property(tries = 1000)
    void durationLikeTextParsesWithinTheBoundOrIsRefused(@ForAll("durationLike") String text) {
        Throwable thrown = catchThrowable(() -> {
            Duration d = DurationText.parse(text);
            assertThat(d.abs()).isLessThanOrEqualTo(AlertRule.MAX_DURATION.multipliedBy(2));
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 500)
    void formatThenParseGivesTheSameDuration(@ForAll @LongRange(min = -1_000_000_000_000L, max = 600_000_000_000_000_000L) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
    }

    @Property(tries = 500)
    void wholeMillisecondsAreWrittenInTheCompactForm(@ForAll @LongRange(min = 0, max = 600_000_000_000L) long millis) {
        String text = DurationText.format(Duration.ofMillis(millis));
        assertThat(text).matches("(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?").isNotEmpty();
    }

    @Property(tries = 300)
    void compactPartsAddUp(@ForAll @LongRange(max = 1000) long d, @ForAll @LongRange(max = 1000) long h,
                           @ForAll @LongRange(max = 1000) long m, @ForAll @LongRange(max = 1000) long s,
                           @ForAll @LongRange(max = 1000) long ms) {
        Duration expected = Duration.ofDays(d).plusHours(h).plusMinutes(m).plusSeconds(s).plusMillis(ms);
        assertThat(DurationText.parse(d + "d" + h + "h" + m + "m" + s + "s" + ms + "ms")).isEqualTo(expected);
    }
}
