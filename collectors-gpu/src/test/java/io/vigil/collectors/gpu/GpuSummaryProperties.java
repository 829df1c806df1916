package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpuSummaryProperties {
    private static final long T = 1_700_000_000_000L;

    /** One GPU's latest readings; NaN where it reported nothing. */
    record Gpu(String host, boolean up, double power, double temperature, double utilization, double usedMb, double totalMb) {
    }

    @Provide
    Arbitrary<List<Gpu>> gpus() {
        Arbitrary<Double> maybePower = Arbitraries.doubles().between(0, 1000).ofScale(1).injectNull(0.2).map(GpuSummaryProperties::nan);
        Arbitrary<Double> maybeTemperature = Arbitraries.doubles().between(20, 100).ofScale(0).injectNull(0.2).map(GpuSummaryProperties::nan);
        Arbitrary<Double> maybeUtilization = Arbitraries.of(0.0, 0.0, 1.0, 50.0, 100.0).injectNull(0.2).map(GpuSummaryProperties::nan);
        Arbitrary<Double> total = Arbitraries.doubles().between(1, 100_000).ofScale(0);
        Arbitrary<Gpu> gpu = Combinators.combine(
                Arbitraries.of("n1", "n2", "n3"), Arbitraries.of(true, true, true, false),
                maybePower, maybeTemperature, maybeUtilization, total, Arbitraries.doubles().between(0, 1).ofScale(2))
                .as((host, up, power, temperature, utilization, totalMb, usedShare) ->
                        new Gpu(host, up, power, temperature, utilization, Math.floor(totalMb * usedShare), totalMb));
        return gpu.list().ofMaxSize(8);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static List<Sample> samples(List<Gpu> gpus, long time) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i++) {
            Gpu gpu = gpus.get(i);
            Labels labels = Labels.of("host", gpu.host(), "gpu", Integer.toString(i), "uuid", "GPU-" + i, "model", "m");
            samples.add(Sample.of(GpuMetrics.UP, gpu.up() ? 1 : 0, time, labels));
            if (!gpu.up()) {
                continue;
            }
            addIfKnown(samples, GpuMetrics.POWER, gpu.power(), time, labels);
            addIfKnown(samples, GpuMetrics.TEMPERATURE, gpu.temperature(), time, labels);
            addIfKnown(samples, GpuMetrics.UTILIZATION, gpu.utilization(), time, labels);
            samples.add(Sample.of(GpuMetrics.MEMORY_USED, gpu.usedMb(), time, labels));
            samples.add(Sample.of(GpuMetrics.MEMORY_TOTAL, gpu.totalMb(), time, labels));
        }
        return samples;
    }

    private static void addIfKnown(List<Sample> samples, String metric, double value, long time, Labels labels) {
        if (!Double.isNaN(value)) {
            samples.add(Sample.of(metric, value, time, labels));
        }
    }

    @Property(tries = 300)
    void countsAddUp(@ForAll("gpus") List<Gpu> gpus) {
        GpuSummary summary = GpuSummary.of(samples(gpus, T));

        assertThat(summary.totalGpus()).isEqualTo(gpus.size());
        assertThat(summary.activeGpus() + summary.idleGpus() + summary.unavailableGpus()).isEqualTo(summary.totalGpus());
        assertThat(summary.unavailableGpus()).isEqualTo((int) gpus.stream().filter(g -> !g.up()).count());
        assertThat(summary.idleGpus()).isEqualTo((int) gpus.stream().filter(g -> g.up() && g.utilization() == 0).count());
        assertThat(summary.nodes()).isSorted().doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(gpus.stream().map(Gpu::host).distinct().toList());
    }

    @Property(tries = 300)
    void totalsAndAveragesAreThoseOfTheAvailableGpus(@ForAll("gpus") List<Gpu> gpus) {
        GpuSummary summary = GpuSummary.of(samples(gpus, T));

        List<Gpu> up = gpus.stream().filter(Gpu::up).toList();
        double[] powers = up.stream().mapToDouble(Gpu::power).filter(p -> !Double.isNaN(p)).toArray();
        double[] temperatures = up.stream().mapToDouble(Gpu::temperature).filter(t -> !Double.isNaN(t)).toArray();
        assertThat(summary.totalPowerWatts()).isCloseTo(java.util.Arrays.stream(powers).sum(), within(1e-6));
        assertThat(summary.averagePowerWatts().isPresent()).isEqualTo(powers.length > 0);
        if (temperatures.length > 0) {
            double max = java.util.Arrays.stream(temperatures).max().orElseThrow();
            double min = java.util.Arrays.stream(temperatures).min().orElseThrow();
            assertThat(summary.maxTemperatureCelsius()).hasValue(max);
            assertThat(summary.averageTemperatureCelsius().getAsDouble()).isBetween(min - 1e-9, max + 1e-9);
        } else {
            assertThat(summary.averageTemperatureCelsius()).isEmpty();
        }
        double total = up.stream().mapToDouble(Gpu::totalMb).sum();
        double used = up.stream().mapToDouble(Gpu::usedMb).sum();
        assertThat(summary.totalMemoryMb()).isCloseTo(total, within(1e-6));
        assertThat(summary.usedMemoryMb()).isCloseTo(used, within(1e-6));
        if (total > 0) {
            assertThat(summary.memoryUsagePercent().getAsDouble()).isBetween(0.0, 100.0).isCloseTo(100 * used / total, within(1e-9));
        }
    }

    @Property(tries = 200)
    void theOrderOfSamplesAndOlderSamplesDoNotMatter(@ForAll("gpus") List<Gpu> gpus,
                                                     @ForAll("gpus") @Size(max = 8) List<Gpu> older,
                                                     @ForAll long seed) {
        GpuSummary expected = GpuSummary.of(samples(gpus, T));

        List<Sample> mixed = new ArrayList<>(samples(gpus, T));
        mixed.addAll(samples(older.subList(0, Math.min(older.size(), gpus.size())), T - 1000));
        Collections.shuffle(mixed, new Random(seed));

        assertThat(GpuSummary.of(mixed)).isEqualTo(expected);
    }
}
