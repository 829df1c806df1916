package io.vigil.benchmarks;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;

/**
 * W1 on Esper, the established Java CEP engine the issue compares with. Esper computes the
 * sliding 5-minute average per series (EPL below, external time); a subscriber applies W1's hold
 * time and cooldown exactly like {@link HandWrittenLoop}, since EPL has no {@code for} clause.
 * Outputs caused by window expiry alone are ignored: in W1 every expiry coincides with a new
 * sample of the same series, whose output follows at the same instant.
 */
final class EsperW1 {
    private static final String EPL =
            "@name('w1') select series, avg(value) as average from CpuEvent#time(5 min) group by series";
    private static final long HOLD = 60_000;
    private static final long COOLDOWN = 300_000;
    private static final long NONE = Long.MIN_VALUE;
    private static int runtimes;

    /** The event: Esper retains event objects in its window, so each sample is one. */
    public static final class CpuEvent {
        private final int series;
        private final double value;

        public CpuEvent(int series, double value) {
            this.series = series;
            this.value = value;
        }

        public int getSeries() {
            return series;
        }

        public double getValue() {
            return value;
        }
    }

    /** Receives each changed average through Esper's fastest delivery path, a subscriber method. */
    public static final class HoldTime {
        private final long[] pendingSince;
        private final long[] lastFired;
        private final boolean[] firing;
        long now;
        boolean expiring;
        long firings;

        HoldTime(int series) {
            pendingSince = new long[series];
            lastFired = new long[series];
            firing = new boolean[series];
            java.util.Arrays.fill(pendingSince, NONE);
            java.util.Arrays.fill(lastFired, NONE);
        }

        public void update(Integer series, Double average) {
            if (expiring) {
                return;
            }
            int s = series;
            if (average != null && average >= 80) {
                long since = pendingSince[s];
                if (since == NONE) {
                    pendingSince[s] = since = now;
                }
                if (!firing[s] && now - since >= HOLD && (lastFired[s] == NONE || now >= lastFired[s] + COOLDOWN)) {
                    firing[s] = true;
                    lastFired[s] = now;
                    firings++;
                }
            } else {
                pendingSince[s] = NONE;
                firing[s] = false;
            }
        }
    }

    private final W1Workload workload;
    private final EPRuntime runtime;
    private final EPEventService events;
    final HoldTime subscriber;
    private long hourStart = W1Workload.EPOCH;

    EsperW1(W1Workload workload) {
        this.workload = workload;
        Configuration configuration = new Configuration();
        configuration.getCommon().addEventType("CpuEvent", CpuEvent.class);
        configuration.getRuntime().getThreading().setInternalTimerEnabled(false);
        configuration.getCompiler().getByteCode().setAllowSubscriber(true);
        try {
            EPCompiled compiled = EPCompilerProvider.getCompiler().compile(EPL, new CompilerArguments(configuration));
            synchronized (EsperW1.class) {
                runtime = EPRuntimeProvider.getRuntime("vigil-w1-" + runtimes++, configuration);
            }
            runtime.initialize();
            events = runtime.getEventService();
            events.advanceTime(hourStart);
            EPDeployment deployment = runtime.getDeploymentService().deploy(compiled);
            EPStatement statement = runtime.getDeploymentService().getStatement(deployment.getDeploymentId(), "w1");
            subscriber = new HoldTime(workload.series);
            statement.setSubscriber(subscriber);
        } catch (EPCompileException | EPDeployException e) {
            throw new IllegalStateException("could not set Esper up for W1", e);
        }
    }

    long runHour() {
        float[] values = workload.values;
        int n = workload.series;
        long t = hourStart;
        for (int step = 0, i = 0; step < W1Workload.STEPS; step++, t += W1Workload.STEP_MILLIS) {
            subscriber.expiring = true;
            events.advanceTime(t);
            subscriber.expiring = false;
            subscriber.now = t;
            for (int s = 0; s < n; s++, i++) {
                events.sendEventBean(new CpuEvent(s, values[i]), "CpuEvent");
            }
        }
        hourStart += W1Workload.HOUR_MILLIS;
        return subscriber.firings;
    }

    void close() {
        runtime.destroy();
    }
}
