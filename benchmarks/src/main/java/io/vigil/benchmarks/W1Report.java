package io.vigil.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Checks JMH does not do. First, that the engine, Esper and the hand-written loop agree on W1 (same
 * number of firings), so the throughput comparison compares the same work. Second, the heap the
 * engine retains per series in W1's steady state (30 samples in each 5-minute window): used heap
 * after a full GC with the evaluator loaded, minus before, divided by the series count. The
 * series' labels exist before (a caller holds them to make handles) and are reported apart.
 * Last, a noise-robust speed ratio of the two (see {@link #interleavedBestOf}).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.vigil.benchmarks.W1Report [series]}
 */
public final class W1Report {
    private W1Report() {
    }

    public static void main(String[] args) throws InterruptedException {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        W1Workload workload = new W1Workload(series, 0);

        EngineFixture engine = new EngineFixture();
        HandWrittenLoop loop = new HandWrittenLoop(series);
        Baseline adapter = new Baseline(workload, loop);
        for (int hour = 0; hour < 2; hour++) {
            adapter.runHour();
        }
        System.out.printf(Locale.ROOT, "hand-written loop: %d firings, %d resolutions in 2 simulated hours%n",
                loop.firings, loop.resolutions);
        EsperW1 esper = new EsperW1(workload);
        for (int hour = 0; hour < 2; hour++) {
            esper.runHour();
        }
        esper.close();
        System.out.printf(Locale.ROOT, "Esper:             %d firings in 2 simulated hours%n", esper.subscriber.firings);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // The workload's labels already exist here, as a caller's would: this counts what the engine adds.
        long before = usedAfterGc(memory);
        engine.init(workload, 1, 0);
        long afterInit = usedAfterGc(memory);
        for (int hour = 0; hour < 2; hour++) {
            engine.runHandle();
        }
        System.out.printf(Locale.ROOT, "engine:            %d firings, %d transitions in 2 simulated hours%n",
                engine.sink.firings, engine.sink.transitions);
        long after = usedAfterGc(memory);
        long labels = labelBytes(series, memory);
        System.out.printf(Locale.ROOT, "retained per series: %.0f bytes by the engine in the steady state (30-sample"
                + " windows), %.0f bytes of it right after interning; the series' Labels and strings add %.0f bytes%n",
                (after - before) / (double) series, (afterInit - before) / (double) series, labels / (double) series);
        if (engine.sink.firings != loop.firings || esper.subscriber.firings != loop.firings) {
            throw new IllegalStateException("the engine, Esper and the hand-written loop disagree on W1");
        }
        interleavedBestOf(engine, adapter, workload);
    }

    /**
     * A supplement to JMH for a shared, noisy machine: engine and loop run simulated hours in turn
     * and each keeps its fastest, so that both see the same background load and the ratio holds
     * even when the absolute figures swing.
     */
    private static void interleavedBestOf(EngineFixture engine, Baseline loop, W1Workload workload) {
        EsperW1 esper = new EsperW1(workload);
        long bestEngine = Long.MAX_VALUE;
        long bestLoop = Long.MAX_VALUE;
        long bestEsper = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            long t0 = System.nanoTime();
            engine.runHandle();
            long t1 = System.nanoTime();
            loop.runHour();
            long t2 = System.nanoTime();
            bestEngine = Math.min(bestEngine, t1 - t0);
            bestLoop = Math.min(bestLoop, t2 - t1);
            if (round % 4 == 0) {   // Esper is slow: fewer rounds
                esper.runHour();
                bestEsper = Math.min(bestEsper, System.nanoTime() - t2);
            }
        }
        esper.close();
        double samples = workload.series * (double) W1Workload.STEPS;
        System.out.printf(Locale.ROOT, "best of interleaved hours: engine %.1f ns/sample (%.1f M/s),"
                + " hand-written loop %.1f ns/sample (%.1f M/s), Esper %.1f ns/sample (%.2f M/s);"
                + " engine/loop time %.1f, Esper/engine time %.1f%n",
                bestEngine / samples, samples / bestEngine * 1e3, bestLoop / samples, samples / bestLoop * 1e3,
                bestEsper / samples, samples / bestEsper * 1e3,
                bestEngine / (double) bestLoop, bestEsper / (double) bestEngine);
    }

    /** The heap that {@code series} W1 label sets take, measured the same way. */
    private static long labelBytes(int series, MemoryMXBean memory) throws InterruptedException {
        long before = usedAfterGc(memory);
        io.vigil.alerting.api.Labels[] labels = new io.vigil.alerting.api.Labels[series];
        for (int s = 0; s < series; s++) {
            labels[s] = io.vigil.alerting.api.Labels.of("host", W1Workload.host(s));
        }
        long after = usedAfterGc(memory);
        if (labels[series - 1] == null) {
            throw new AssertionError();
        }
        return after - before - (16 + 4L * series);   // minus the array holding them
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Drives the loop like {@link W1Benchmark#runBaseline} without JMH state. */
    private static final class Baseline {
        private final W1Workload workload;
        private final HandWrittenLoop loop;
        private long hourStart = W1Workload.EPOCH;

        Baseline(W1Workload workload, HandWrittenLoop loop) {
            this.workload = workload;
            this.loop = loop;
        }

        void runHour() {
            int n = workload.series;
            long t = hourStart;
            for (int step = 0, i = 0; step < W1Workload.STEPS; step++, t += W1Workload.STEP_MILLIS) {
                for (int s = 0; s < n; s++, i++) {
                    loop.record(s, t, workload.values[i]);
                }
            }
            hourStart += W1Workload.HOUR_MILLIS;
        }
    }
}
