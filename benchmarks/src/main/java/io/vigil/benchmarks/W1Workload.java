package io.vigil.benchmarks;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Workload W1 of issue 3: {@code series} series of {@code cpu_usage} (label {@code host}), one
 * sample per series every 10 s for one simulated hour, values mostly 20–70 with bursts to 85–100
 * lasting 1–8 minutes, from a fixed seed. Values are stored time-major (each 10 s step, every
 * series in turn: the order a scrape delivers them) as floats to halve the footprint.
 */
final class W1Workload {
    static final int STEPS = 360;
    static final long STEP_MILLIS = 10_000;
    static final long HOUR_MILLIS = STEPS * STEP_MILLIS;
    static final long EPOCH = 1_700_000_000_000L;
    static final long SEED = 20_240_601L;

    final int series;
    final float[] values;
    final Labels[] labels;

    W1Workload(int series, int racks) {
        this.series = series;
        this.values = new float[STEPS * series];
        this.labels = new Labels[series];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int s = 0; s < series; s++) {
            labels[s] = racks <= 1 ? Labels.of("host", host(s))
                    : Labels.of("host", host(s), "rack", "r" + (s % racks));
            int burstLeft = 0;
            for (int step = 0; step < STEPS; step++) {
                if (burstLeft == 0 && random.nextInt(360) == 0) {
                    burstLeft = 6 + random.nextInt(43);   // 1 to 8 minutes of 10 s steps
                }
                float v;
                if (burstLeft > 0) {
                    v = 85 + (float) random.nextDouble() * 15;
                    burstLeft--;
                } else {
                    v = 20 + (float) random.nextDouble() * 50;
                }
                values[step * series + s] = v;
            }
        }
    }

    static String host(int s) {
        return String.format("host-%06d", s);
    }

    /** The W1 rule: avg over 5 min >= 80 for 1 min. */
    static AlertRule rule(String id, double threshold) {
        return AlertRule.named(id).id(id)
                .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(threshold)
                        .holdFor(Duration.ofMinutes(1)))
                .build();
    }
}
