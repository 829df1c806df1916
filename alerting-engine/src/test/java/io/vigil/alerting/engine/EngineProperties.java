package io.vigil.alerting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.api.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class EngineProperties {
    private static final long T0 = 1_700_000_000_000L;
    private static final Labels LABELS = Labels.of("host", "h");

    /** A random single-series workload for a random single-condition rule. */
    record Workload(Aggregation aggregation, Operator operator, int threshold, long windowMillis, long holdMillis,
                    long cooldownMillis, long[] times, double[] values, long seed) {

        Condition condition() {
            Condition.Builder b = Condition.builder().metric("m").aggregation(aggregation)
                    .compare(operator, Threshold.of(threshold)).holdFor(Duration.ofMillis(holdMillis));
            return (aggregation == Aggregation.LAST ? b : b.window(Duration.ofMillis(windowMillis))).build();
        }

        AlertRule.Builder rule() {
            return AlertRule.named("p").id("p").when(condition()).cooldown(Duration.ofMillis(cooldownMillis));
        }

        long end() {
            return times[times.length - 1] + windowMillis + holdMillis + cooldownMillis + 1;
        }

        @Override
        public String toString() {
            return aggregation + " " + operator.symbol() + " " + threshold + " w=" + windowMillis + " for="
                    + holdMillis + " cooldown=" + cooldownMillis + " samples=" + times.length + " seed=" + seed;
        }
    }

    @Provide
    Arbitrary<Workload> workloads() {
        Arbitrary<Aggregation> aggregations = Arbitraries.of(Aggregation.class);
        Arbitrary<Operator> operators = Arbitraries.of(Operator.GREATER_THAN, Operator.GREATER_OR_EQUAL,
                Operator.LESS_THAN, Operator.LESS_OR_EQUAL);
        // Steps are whole seconds, windows and holds multiples of 5 s, so boundaries often coincide exactly.
        Arbitrary<Long> windows = Arbitraries.longs().between(1, 24).map(k -> k * 5_000);
        Arbitrary<Long> holds = Arbitraries.longs().between(0, 12).map(k -> k * 5_000);
        Arbitrary<Long> cooldowns = Arbitraries.longs().between(0, 24).map(k -> k * 5_000);
        Arbitrary<Integer> counts = Arbitraries.integers().between(1, 120);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(aggregations, operators, Arbitraries.integers().between(0, 100), windows, holds,
                cooldowns, counts, seeds).as((agg, op, threshold, w, hold, cooldown, n, seed) -> {
                    Random random = new Random(seed);
                    long[] times = new long[n];
                    double[] values = new double[n];
                    long t = T0;
                    for (int i = 0; i < n; i++) {
                        t += random.nextInt(4) == 0 ? 1_000L * (1 + random.nextInt(120)) : 5_000L * (1 + random.nextInt(4));
                        times[i] = t;
                        // integers keep sums exact, so the running and the naive aggregates agree bit for bit
                        values[i] = agg == Aggregation.RATE ? (i == 0 ? 0 : values[i - 1] + random.nextInt(12))
                                - (random.nextInt(20) == 0 ? values[Math.max(0, i - 1)] : 0)
                                : random.nextInt(101);
                        if (values[i] < 0) {
                            values[i] = 0;
                        }
                    }
                    int scaled = agg == Aggregation.RATE ? threshold / 20 : agg == Aggregation.SUM ? threshold * 5
                            : agg == Aggregation.COUNT ? threshold / 8 : threshold;
                    return new Workload(agg, op, scaled, w, hold, cooldown, times, values, seed);
                });
    }

    private static Recorder feed(Workload w) {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(w.rule().build());
        for (int i = 0; i < w.times().length; i++) {
            r.engine.onSample(Sample.of("m", w.values()[i], w.times()[i], LABELS), r);
        }
        r.engine.advanceTo(w.end(), r);
        return r;
    }

    private static List<String> absolute(Recorder r) {
        List<String> list = new ArrayList<>();
        for (AlertTransition t : r.transitions) {
            list.add(t.kind() + "@" + t.timeMillis());
        }
        return list;
    }

    @Property(tries = 400)
    void agreesWithANaiveReferenceEvaluator(@ForAll("workloads") Workload w) {
        Recorder engine = feed(w);
        Statistics.label("fired").collect(engine.transitions.stream().anyMatch(t -> t.kind() == AlertTransition.Kind.FIRING));
        Statistics.label("suppressed by cooldown").collect(engine.engine.counters().suppressedByCooldown() > 0);
        NaiveReference reference = new NaiveReference(w.condition(), w.cooldownMillis(), w.times(), w.values());
        assertThat(absolute(engine)).as(w.toString()).isEqualTo(reference.run(w.end()));
        assertThat(engine.engine.counters().suppressedByCooldown()).isEqualTo(reference.suppressed);
        for (AlertTransition t : engine.transitions) {
            double expected = reference.valueAt(t.timeMillis());
            // bit for bit, so that NaN (an empty window) equals NaN
            assertThat(Double.doubleToLongBits(t.value())).as(t + " vs " + expected)
                    .isEqualTo(Double.doubleToLongBits(expected));
        }
    }

    @Property(tries = 300)
    void neverFiresBeforeTheHoldTimeHasPassedWithTheConditionHoldingThroughout(@ForAll("workloads") Workload w) {
        Recorder r = feed(w);
        NaiveReference reference = new NaiveReference(w.condition(), w.cooldownMillis(), w.times(), w.values());
        long episodeStart = Long.MIN_VALUE;
        for (AlertTransition t : r.transitions) {
            if (t.kind() == AlertTransition.Kind.PENDING) {
                episodeStart = t.timeMillis();
            } else if (t.kind() == AlertTransition.Kind.FIRING) {
                long start = episodeStart == Long.MIN_VALUE ? t.timeMillis() : episodeStart;
                assertThat(t.timeMillis() - start).as(w.toString()).isGreaterThanOrEqualTo(w.holdMillis());
                for (long x : reference.instants(t.timeMillis()).tailSet(start, true)) {
                    assertThat(reference.holdsAt(x)).as("holds at " + x + " for " + w).isTrue();
                }
                episodeStart = Long.MIN_VALUE;
            } else {
                episodeStart = Long.MIN_VALUE;
            }
        }
    }

    @Property(tries = 300)
    void aFiringInstanceResolvesAtTheFirstEvaluationWhereTheConditionFails(@ForAll("workloads") Workload w) {
        Recorder r = feed(w);
        NaiveReference reference = new NaiveReference(w.condition(), w.cooldownMillis(), w.times(), w.values());
        long firedAt = Long.MIN_VALUE;
        for (AlertTransition t : r.transitions) {
            if (t.kind() == AlertTransition.Kind.FIRING) {
                firedAt = t.timeMillis();
            } else if (t.kind() == AlertTransition.Kind.RESOLVED) {
                for (long x : reference.instants(t.timeMillis()).tailSet(firedAt, true)) {
                    assertThat(reference.holdsAt(x)).as("at " + x + " for " + w).isEqualTo(x != t.timeMillis());
                }
                firedAt = Long.MIN_VALUE;
            }
        }
        if (firedAt != Long.MIN_VALUE) {
            for (long x : reference.instants(w.end()).tailSet(firedAt, true)) {
                assertThat(reference.holdsAt(x)).as("still firing at " + x + " for " + w).isTrue();
            }
        }
    }

    @Property(tries = 300)
    void neverFiresTwiceInsideTheCooldown(@ForAll("workloads") Workload w) {
        Recorder r = feed(w);
        long previous = Long.MIN_VALUE;
        for (AlertTransition t : r.transitions) {
            if (t.kind() == AlertTransition.Kind.FIRING) {
                if (previous != Long.MIN_VALUE) {
                    assertThat(t.timeMillis() - previous).as(w.toString()).isGreaterThanOrEqualTo(w.cooldownMillis());
                }
                previous = t.timeMillis();
            }
        }
    }

    /**
     * The same samples, fed once through {@code onSample} alone and once through a series handle
     * with {@code advanceTo} ticks at random instants between samples, give the same transitions
     * at the same instants with the same values, with every feature of the state machine on.
     */
    @Property(tries = 300)
    void theResultDoesNotDependOnHowSamplesAreSplitBetweenRecordAndAdvance(@ForAll("workloads") Workload w) {
        AlertRule rule = w.rule()
                .recoveryFor(Duration.ofMillis(w.holdMillis() / 2)).keepFiringFor(Duration.ofMillis(w.windowMillis() / 3))
                .noData(Duration.ofSeconds(45), NoDataPolicy.State.values()[(int) Math.floorMod(w.seed(), 4L)])
                .flapping(new FlapDetection(3, Duration.ofMinutes(3), Duration.ofMinutes(1)))
                .notifications(NotificationPolicy.builder().escalateAfter(Duration.ofSeconds(50), "sms")
                        .escalateAfter(Duration.ofSeconds(95), "webhook").remindEvery(Duration.ofSeconds(70)).build())
                .build();
        Recorder plain = Recorder.noFloors();
        plain.engine.putRule(rule);
        for (int i = 0; i < w.times().length; i++) {
            plain.engine.onSample(Sample.of("m", w.values()[i], w.times()[i], LABELS), plain);
        }
        plain.engine.advanceTo(w.end(), plain);

        Recorder ticked = Recorder.noFloors();
        ticked.engine.putRule(rule);
        SeriesHandle handle = ticked.engine.series("m", LABELS);
        Random random = new Random(w.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < w.times().length; i++) {
            long t = w.times()[i];
            long previous = i == 0 ? t - 60_000 : w.times()[i - 1];
            int ticks = random.nextInt(3);
            long tick = previous;
            for (int k = 0; k < ticks && tick < t - 1; k++) {
                tick = tick + 1 + (long) (random.nextDouble() * (t - 1 - tick));
                ticked.engine.advanceTo(tick, ticked);
            }
            ticked.engine.record(handle, t, w.values()[i], ticked);
        }
        ticked.engine.advanceTo(w.end(), ticked);

        Statistics.label("kinds").collect(plain.transitions.stream().map(t -> t.kind().name()).distinct().count());
        assertThat(ticked.transitions).as(w.toString()).isEqualTo(plain.transitions);
        assertThat(ticked.engine.counters()).isEqualTo(plain.engine.counters());
    }
}
