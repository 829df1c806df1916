package io.vigil.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload W1 (issue 3) through the engine, through Esper and through a hand-written loop. One invocation is one
 * simulated hour of every series; {@code @OperationsPerInvocation} makes the scores samples per
 * second and {@code -prof gc}'s {@code gc.alloc.rate.norm} bytes per sample.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class W1Benchmark {
    private static final int SAMPLES_10K = 10_000 * W1Workload.STEPS;
    private static final int SAMPLES_100K = 100_000 * W1Workload.STEPS;

    @State(Scope.Benchmark)
    public static class Series10k extends EngineFixture {
        @Setup(Level.Trial)
        public void setup() {
            init(10_000, 1, 0);
            settle();
        }
    }

    @State(Scope.Benchmark)
    public static class Series100k extends EngineFixture {
        @Setup(Level.Trial)
        public void setup() {
            init(100_000, 1, 0);
            settle();
        }
    }

    /** 100 rules that all read every series: each sample feeds 100 instances. */
    @State(Scope.Benchmark)
    public static class Rules100AllMatch extends EngineFixture {
        @Setup(Level.Trial)
        public void setup() {
            init(10_000, 100, 0);
            settle();
        }
    }

    /** 100 rules, each matching one rack in a hundred: each sample feeds one instance. */
    @State(Scope.Benchmark)
    public static class Rules100OneMatches extends EngineFixture {
        @Setup(Level.Trial)
        public void setup() {
            init(10_000, 100, 100);
            settle();
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline10k {
        W1Workload workload;
        HandWrittenLoop loop;
        long hourStart = W1Workload.EPOCH;

        @Setup(Level.Trial)
        public void setup() {
            workload = new W1Workload(10_000, 0);
            loop = new HandWrittenLoop(workload.series);
            runBaseline(this);   // settle like the engine's fixtures
            System.gc();
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline100k extends Baseline10k {
        @Override
        @Setup(Level.Trial)
        public void setup() {
            workload = new W1Workload(100_000, 0);
            loop = new HandWrittenLoop(workload.series);
            runBaseline(this);
            System.gc();
        }
    }

    /** W1 on Esper: EPL computes the windowed averages, a subscriber applies the hold time. */
    @State(Scope.Benchmark)
    public static class Esper10k {
        EsperW1 esper;

        @Setup(Level.Trial)
        public void setup() {
            esper = new EsperW1(new W1Workload(10_000, 0));
            esper.runHour();   // settle like the engine's fixtures: steady windows, then a full collection
            System.gc();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            esper.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_10K)
    public long esper(Esper10k e) {
        return e.esper.runHour();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_10K)
    public long handle(Series10k f) {
        return f.runHandle();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_10K)
    public long sample(Series10k f) {
        return f.runSample();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_10K)
    public long baseline(Baseline10k b) {
        return runBaseline(b);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_100K)
    public long handle100kSeries(Series100k f) {
        return f.runHandle();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_100K)
    public long baseline100kSeries(Baseline100k b) {
        return runBaseline(b);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_10K)
    public long handle100RulesAllMatch(Rules100AllMatch f) {
        return f.runHandle();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_10K)
    public long handle100RulesOneMatches(Rules100OneMatches f) {
        return f.runHandle();
    }

    static long runBaseline(Baseline10k b) {
        float[] values = b.workload.values;
        int n = b.workload.series;
        HandWrittenLoop loop = b.loop;
        long t = b.hourStart;
        for (int step = 0, i = 0; step < W1Workload.STEPS; step++, t += W1Workload.STEP_MILLIS) {
            for (int s = 0; s < n; s++, i++) {
                loop.record(s, t, values[i]);
            }
        }
        b.hourStart += W1Workload.HOUR_MILLIS;
        return loop.firings;
    }
}
