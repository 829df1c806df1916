package io.vigil.collectors.system;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one collection: with real OSHI on this machine, and with scripted readings (what
 * the collector itself adds on top of OSHI). Not a test; run it with {@link #main} (see README).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SystemCollectorBenchmark {
    private final Clock clock = Clock.systemUTC();
    private MetricCollector oshi;
    private MetricCollector scripted;

    @Setup
    public void setUp() throws Exception {
        CollectorContext context = CollectorContext.builder().clock(clock).hostLabels(Labels.of("host", "bench")).build();
        oshi = new SystemCollectorProvider().create(context);

        FakeHostProbe probe = new FakeHostProbe();
        probe.fileStores.addAll(List.of(new HostProbe.FileStore("/", "ext4", "sda1", 1L << 40, 1L << 39),
                new HostProbe.FileStore("/data", "xfs", "sdb1", 1L << 41, 1L << 40)));
        probe.disks.addAll(List.of(new HostProbe.Disk("sda", 1, 1), new HostProbe.Disk("sdb", 1, 1)));
        probe.interfaces.addAll(List.of(new HostProbe.NetworkInterface("eth0", 1, 1, 0, 0),
                new HostProbe.NetworkInterface("eth1", 1, 1, 0, 0)));
        scripted = new SystemCollector(probe, context);
    }

    @TearDown
    public void tearDown() {
        oshi.close();
        scripted.close();
    }

    /** One collection of real host metrics through OSHI, into the runtime's sink. */
    @Benchmark
    public SampleBuffer collectWithOshi() throws Exception {
        SampleBuffer buffer = new SampleBuffer(Instant.now(clock), Labels.of("host", "bench"));
        oshi.collect(buffer);
        return buffer;
    }

    /** The collector's own work (arithmetic, labels, sink) for 2 mounts, 2 disks and 2 interfaces. */
    @Benchmark
    public SampleBuffer collectScripted() throws Exception {
        SampleBuffer buffer = new SampleBuffer(Instant.now(clock), Labels.of("host", "bench"));
        scripted.collect(buffer);
        return buffer;
    }

    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(SystemCollectorBenchmark.class.getName())
                .build())
                .run();
    }
}
