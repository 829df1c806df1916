package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpuSummaryTest {
    private static final long T = 1_700_000_000_000L;

    private static Labels gpu(String host, String index, String uuid) {
        return Labels.of("host", host, "gpu", index, "uuid", uuid, "model", "NVIDIA A30");
    }

    private static void add(List<Sample> samples, Labels labels, long time, double power, double temperature,
                            double utilization, double usedMb, double totalMb) {
        samples.add(Sample.of(GpuMetrics.POWER, power, time, labels));
        samples.add(Sample.of(GpuMetrics.TEMPERATURE, temperature, time, labels));
        samples.add(Sample.of(GpuMetrics.UTILIZATION, utilization, time, labels));
        samples.add(Sample.of(GpuMetrics.MEMORY_USED, usedMb, time, labels));
        samples.add(Sample.of(GpuMetrics.MEMORY_TOTAL, totalMb, time, labels));
        samples.add(Sample.of(GpuMetrics.UP, 1, time, labels));
    }

    /** The example of seed 004's {@code GET /accelerators/gpus/summary}. */
    @Test
    void theSeedsExample() {
        List<Sample> samples = new ArrayList<>();
        add(samples, gpu("worker1", "0", "GPU-abc123"), T, 183.5, 45, 85.3, 18432, 24576);
        add(samples, gpu("worker2", "0", "GPU-def456"), T, 281.2, 52, 92.1, 18432, 24576);

        GpuSummary summary = GpuSummary.of(samples);

        assertThat(summary.totalGpus()).isEqualTo(2);
        assertThat(summary.activeGpus()).isEqualTo(2);
        assertThat(summary.idleGpus()).isZero();
        assertThat(summary.unavailableGpus()).isZero();
        assertThat(summary.totalPowerWatts()).isCloseTo(464.7, within(1e-9));
        assertThat(summary.averageUtilizationPercent().getAsDouble()).isCloseTo(88.7, within(1e-9));
        assertThat(summary.averageTemperatureCelsius()).hasValue(48.5);
        assertThat(summary.maxTemperatureCelsius()).hasValue(52.0);
        assertThat(summary.totalMemoryMb()).isEqualTo(49152.0);
        assertThat(summary.usedMemoryMb()).isEqualTo(36864.0);
        assertThat(summary.memoryUsagePercent()).hasValue(75.0);
        assertThat(summary.nodes()).containsExactly("worker1", "worker2");
    }

    @Test
    void theLatestSampleOfEachGpuCountsAndLostGpusAreOnlyCounted() {
        List<Sample> samples = new ArrayList<>();
        Labels a = gpu("n1", "0", "GPU-a");
        Labels b = gpu("n1", "1", "GPU-b");
        add(samples, a, T + 10, 100, 40, 0, 1000, 2000);
        add(samples, a, T, 300, 80, 50, 2000, 2000); // older: ignored
        add(samples, b, T, 200, 60, 20, 500, 1000);
        samples.add(Sample.of(GpuMetrics.UP, 0, T + 10, b)); // b lost since

        GpuSummary summary = GpuSummary.of(samples);

        assertThat(summary.totalGpus()).isEqualTo(2);
        assertThat(summary.unavailableGpus()).isEqualTo(1);
        assertThat(summary.idleGpus()).as("a is at 0 %").isEqualTo(1);
        assertThat(summary.activeGpus()).isZero();
        assertThat(summary.totalPowerWatts()).isEqualTo(100.0);
        assertThat(summary.maxTemperatureCelsius()).hasValue(40.0);
        assertThat(summary.memoryUsagePercent()).hasValue(50.0);
    }

    @Test
    void samplesThatAreNotPerGpuAreIgnored() {
        List<Sample> samples = List.of(
                Sample.of("cpu_usage", 50, T, Labels.of("host", "n1")),
                Sample.ofState("vm_status", "running", java.time.Instant.ofEpochMilli(T), Labels.of("gpu", "0")));

        assertThat(GpuSummary.of(samples)).isEqualTo(GpuSummary.empty());
    }

    @Test
    void noGpuHasNoAverages() {
        GpuSummary empty = GpuSummary.empty();

        assertThat(empty.totalGpus()).isZero();
        assertThat(empty.averagePowerWatts()).isEmpty();
        assertThat(empty.averageTemperatureCelsius()).isEmpty();
        assertThat(empty.maxTemperatureCelsius()).isEmpty();
        assertThat(empty.memoryUsagePercent()).isEmpty();
        assertThat(empty.nodes()).isEmpty();
    }

    @Test
    void gpusWithoutUuidAreTellApartByHostAndIndex() {
        List<Sample> samples = List.of(
                Sample.of(GpuMetrics.POWER, 10, T, Labels.of("host", "n1", "gpu", "0")),
                Sample.of(GpuMetrics.POWER, 20, T, Labels.of("host", "n2", "gpu", "0")));

        GpuSummary summary = GpuSummary.of(samples);

        assertThat(summary.totalGpus()).isEqualTo(2);
        assertThat(summary.totalPowerWatts()).isEqualTo(30.0);
        assertThat(summary.averageUtilizationPercent()).isEmpty();
        assertThat(summary.activeGpus()).as("utilization unknown: not idle").isEqualTo(2);
    }
}
