package io.vigil.benchmarks;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.engine.EngineSettings;
import io.vigil.alerting.engine.Evaluator;
import io.vigil.alerting.engine.SeriesHandle;

/**
 * An evaluator loaded with W1's data and rules. Each {@code run*} call feeds one simulated hour
 * (every series, every 10 s) and moves the clock on by an hour, so that successive calls keep
 * the windows in their steady state instead of replaying old timestamps.
 */
class EngineFixture {
    W1Workload workload;
    Evaluator engine;
    SeriesHandle[] handles;
    final CountingSink sink = new CountingSink();
    long hourStart = W1Workload.EPOCH;

    /**
     * @param series how many series
     * @param rules  how many rules (thresholds 80, 80.1, ...)
     * @param racks  0: every rule reads every series; otherwise series carry {@code rack = r(s % racks)}
     *               and rule {@code i} only matches rack {@code r(i)}, so each sample matches one rule
     */
    void init(int series, int rules, int racks) {
        init(new W1Workload(series, racks), rules, racks);
    }

    /** Loads an evaluator for an existing workload (whose labels the caller already holds). */
    void init(W1Workload data, int rules, int racks) {
        workload = data;
        int series = data.series;
        engine = new Evaluator(EngineSettings.defaults());
        for (int i = 0; i < rules; i++) {
            AlertRule rule = W1Workload.rule("w1-" + i, 80 + i * 0.1);
            if (racks > 1) {
                rule = rule.toBuilder().where("rack", "r" + (i % racks)).build();
            }
            engine.putRule(rule);
        }
        handles = new SeriesHandle[series];
        for (int s = 0; s < series; s++) {
            handles[s] = engine.series("cpu_usage", workload.labels[s]);
        }
    }

    /**
     * Feeds one hour, so that every window has reached its steady size, then collects the heap
     * fully, so that the long-lived state sits compacted in the old generation as it does in a
     * process that has run for a while, rather than where the young collections scattered it.
     */
    void settle() {
        runHandle();
        System.gc();
    }

    long runHandle() {
        float[] values = workload.values;
        int n = workload.series;
        SeriesHandle[] hs = handles;
        Evaluator e = engine;
        CountingSink out = sink;
        long t = hourStart;
        for (int step = 0, i = 0; step < W1Workload.STEPS; step++, t += W1Workload.STEP_MILLIS) {
            for (int s = 0; s < n; s++, i++) {
                e.record(hs[s], t, values[i], out);
            }
        }
        hourStart += W1Workload.HOUR_MILLIS;
        return out.transitions;
    }

    long runSample() {
        float[] values = workload.values;
        int n = workload.series;
        Evaluator e = engine;
        CountingSink out = sink;
        long t = hourStart;
        for (int step = 0, i = 0; step < W1Workload.STEPS; step++, t += W1Workload.STEP_MILLIS) {
            for (int s = 0; s < n; s++, i++) {
                e.onSample(Sample.of("cpu_usage", values[i], t, workload.labels[s]), out);
            }
        }
        hourStart += W1Workload.HOUR_MILLIS;
        return out.transitions;
    }
}
