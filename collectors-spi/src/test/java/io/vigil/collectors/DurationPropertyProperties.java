package io.vigil.collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The duration parser is fed by configuration files, so anything may reach it. */
class DurationPropertyProperties {

    @Property(tries = 1000)
    void anyTextEitherParsesToANonNegativeDurationOrIsRefusedCleanly(@ForAll @StringLength(max = 24) String raw) {
        CollectorContext ctx = CollectorContext.builder().property("interval", raw).build();
        Throwable thrown = catchThrowable(() -> {
            Duration d = ctx.durationProperty("interval", Duration.ofSeconds(1));
            assertThat(d).isNotNull();
            assertThat(d.isNegative()).isFalse();
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'interval'");
        }
    }

    /** Text made of the characters durations are written with, so overflows and signs come up often. */
    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.strings().withCharRange('0', '9').withChars('-', '+', '.', 'P', 'T', 'S', 'M', 'H', 's', 'm', 'h')
                .ofMinLength(1).ofMaxLength(25);
    }

    @Property(tries = 1000)
    void durationLikeTextEitherParsesToANonNegativeDurationOrIsRefusedCleanly(@ForAll("durationLike") String raw) {
        anyTextEitherParsesToANonNegativeDurationOrIsRefusedCleanly(raw);
    }

    @Property(tries = 300)
    void everyUnitRoundTrips(@ForAll @LongRange(min = 0, max = 1_000_000) long n) {
        assertThat(parse(n + "ms")).isEqualTo(Duration.ofMillis(n));
        assertThat(parse(n + "s")).isEqualTo(Duration.ofSeconds(n));
        assertThat(parse(n + "m")).isEqualTo(Duration.ofMinutes(n));
        assertThat(parse(n + "h")).isEqualTo(Duration.ofHours(n));
        assertThat(parse(Duration.ofSeconds(n).toString())).isEqualTo(Duration.ofSeconds(n));
    }

    @Property(tries = 200)
    void negativeAmountsAreRefused(@ForAll @LongRange(min = -1_000_000, max = -1) long n) {
        assertThatThrownBy(() -> parse(n + "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse(Duration.ofSeconds(n).toString())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Duration parse(String raw) {
        return CollectorContext.builder().property("i", raw).build().durationProperty("i", null);
    }
}
