package io.vigil.collectors.gpu;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.SampleSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One full collection against the fake libnvidia-ml (every field of every GPU, through JNA), with
 * 1 and 4 GPUs and both bindings, and one bare NVML call per binding to show JNA's share.
 * Not a unit test: run it as the module README says (it stays here until the benchmarks module
 * can depend on this one's test classes).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GpuCollectorBenchmark {

    /** Adds up what it is given so the JIT cannot drop the collection. */
    static final class SummingSink implements SampleSink {
        double sum;

        @Override
        public void accept(Sample sample) {
            sum += sample.value();
        }

        @Override
        public void accept(String metric, double value, Labels labels) {
            sum += value + labels.size();
        }

        @Override
        public void acceptState(String metric, String state, Labels labels) {
            sum += state.length();
        }
    }

    @State(Scope.Thread)
    public static class Collection {
        @Param({"1", "4"})
        int gpus;

        @Param({"direct", "interface"})
        String binding;

        GpuCollector collector;
        final SummingSink sink = new SummingSink();

        @Setup
        public void open() throws CollectorUnavailableException {
            FakeNvml.reset().devices(gpus).returns(0, "nvmlDeviceGetFanSpeed", FakeNvml.NOT_SUPPORTED);
            collector = GpuCollector.open(FakeNvml.context(new CollectorHealth(Clock.systemUTC()))
                    .property("binding", binding).build());
        }

        @TearDown
        public void close() {
            collector.close();
        }
    }

    @State(Scope.Thread)
    public static class SingleCall {
        @Param({"direct", "interface"})
        String binding;

        NvmlLibrary nvml;
        Pointer device;
        final Memory out = new Memory(8);

        @Setup
        public void open() throws CollectorUnavailableException {
            FakeNvml.reset();
            nvml = NvmlBinding.parse(binding).load(FakeNvml.LIBRARY);
            nvml.nvmlInit_v2();
            nvml.nvmlDeviceGetHandleByIndex_v2(0, out);
            device = out.getPointer(0);
        }

        @TearDown
        public void close() {
            nvml.nvmlShutdown();
        }
    }

    @Benchmark
    public double collect(Collection state) {
        state.collector.collect(state.sink);
        return state.sink.sum;
    }

    @Benchmark
    public int powerUsageCall(SingleCall state) {
        return state.nvml.nvmlDeviceGetPowerUsage(state.device, state.out) + state.out.getInt(0);
    }

    /** Runs this benchmark; JMH's command-line options (-f, -wi, -i, -p ...) apply. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(GpuCollectorBenchmark.class.getName())
                .jvmArgsAppend("-Dfake.nvml.library=" + FakeNvml.LIBRARY)
                .build()).run();
    }
}
