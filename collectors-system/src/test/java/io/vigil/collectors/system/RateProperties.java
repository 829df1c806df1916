package io.vigil.collectors.system;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Invariants of the delta arithmetic, whatever the counters and the clock do. */
class RateProperties {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Property(tries = 500)
    void aRateTimesItsIntervalIsTheCounterIncrease(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long start,
            @ForAll @LongRange(min = 0, max = 1L << 40) long increase,
            @ForAll @LongRange(min = 1, max = 86_400_000) long elapsedMillis) {
        CounterRates rates = new CounterRates();
        rates.begin(T0);
        assertThat(rates.rate("c", start)).isNaN();
        rates.end();
        rates.begin(T0.plusMillis(elapsedMillis));
        double rate = rates.rate("c", start + increase);
        assertThat(rate * elapsedMillis / 1000.0).isCloseTo((double) increase, within(Math.max(1e-6, increase * 1e-9)));
    }

    @Property(tries = 500)
    void ratesAreNeverNegativeNorInfinite(@ForAll("counterWalk") List<long[]> walk) {
        CounterRates rates = new CounterRates();
        for (long[] step : walk) { // {clock millis, counter value}, either may go back
            rates.begin(T0.plusMillis(step[0]));
            double rate = rates.rate("c", step[1]);
            rates.end();
            assertThat(Double.isNaN(rate) || (rate >= 0 && Double.isFinite(rate))).as("rate %s", rate).isTrue();
        }
    }

    @Provide
    Arbitrary<List<long[]>> counterWalk() {
        Arbitrary<long[]> step = Combinators.combine(
                Arbitraries.longs().between(-10_000, 1_000_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2)).as((t, v) -> new long[] {t, v});
        return step.list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 500)
    void cpuUsageIsAPercentageOrNothing(@ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 1_000) Integer> idleSteps,
                                        @ForAll @Size(min = 1, max = 20) List<@IntRange(min = -50, max = 1_000) Integer> busySteps) {
        CpuUsage cpu = new CpuUsage();
        long idle = 0;
        long total = 0;
        for (int i = 0; i < Math.min(idleSteps.size(), busySteps.size()); i++) {
            idle += idleSteps.get(i);
            total += idleSteps.get(i) + busySteps.get(i); // a negative busy step makes the counters inconsistent
            double usage = cpu.update(new HostProbe.CpuTicks(idle, total));
            assertThat(Double.isNaN(usage) || (usage >= 0 && usage <= 100)).as("usage %s", usage).isTrue();
        }
    }

    @Property(tries = 200)
    void forgottenCountersStartOver(@ForAll @LongRange(min = 0, max = 1_000_000) long value) {
        CounterRates rates = new CounterRates();
        rates.begin(T0);
        rates.rate("gone", value);
        rates.rate("kept", value);
        rates.end();
        rates.begin(T0.plusSeconds(10));
        rates.rate("kept", value + 10);
        rates.end();
        assertThat(rates.tracked()).isEqualTo(1);
        rates.begin(T0.plusSeconds(20));
        assertThat(rates.rate("gone", value + 1_000)).isNaN();
        assertThat(rates.rate("kept", value + 20)).isCloseTo(1.0, within(1e-9));
    }
}
