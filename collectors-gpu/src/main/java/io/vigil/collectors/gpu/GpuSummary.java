package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Totals and averages over a set of GPUs (seed 004 {@code /accelerators/gpus/summary}).
 *
 * <p>A GPU is <em>unavailable</em> when its latest {@code gpu_up} is 0, <em>idle</em> when it is
 * available and its utilization is 0 %, <em>active</em> otherwise, so
 * {@code activeGpus + idleGpus + unavailableGpus == totalGpus}. Power, temperature, utilization
 * and memory figures count available GPUs only, each over the GPUs that reported it; an average
 * over no GPU is empty.
 *
 * @param totalGpus                 GPUs seen
 * @param activeGpus                available GPUs not idle
 * @param idleGpus                  available GPUs at 0 % utilization
 * @param unavailableGpus           GPUs lost or gone
 * @param totalPowerWatts           the sum of power draws
 * @param averagePowerWatts         the mean power draw
 * @param averageTemperatureCelsius the mean temperature
 * @param maxTemperatureCelsius     the hottest GPU's temperature
 * @param averageUtilizationPercent the mean GPU utilization
 * @param totalMemoryMb             the sum of device memory, MB
 * @param usedMemoryMb              the sum of used device memory, MB
 * @param memoryUsagePercent        used as a percentage of total memory (seed's {@code memory_utilization_percent})
 * @param nodes                     the {@code host} label values, sorted
 */
public record GpuSummary(
        int totalGpus,
        int activeGpus,
        int idleGpus,
        int unavailableGpus,
        double totalPowerWatts,
        OptionalDouble averagePowerWatts,
        OptionalDouble averageTemperatureCelsius,
        OptionalDouble maxTemperatureCelsius,
        OptionalDouble averageUtilizationPercent,
        double totalMemoryMb,
        double usedMemoryMb,
        OptionalDouble memoryUsagePercent,
        List<String> nodes) {

    public GpuSummary {
        Objects.requireNonNull(averagePowerWatts, "averagePowerWatts");
        Objects.requireNonNull(averageTemperatureCelsius, "averageTemperatureCelsius");
        Objects.requireNonNull(maxTemperatureCelsius, "maxTemperatureCelsius");
        Objects.requireNonNull(averageUtilizationPercent, "averageUtilizationPercent");
        Objects.requireNonNull(memoryUsagePercent, "memoryUsagePercent");
        nodes = List.copyOf(nodes);
    }

    /** The summary of no GPU. */
    public static GpuSummary empty() {
        return new SummaryAccumulator().result();
    }

    /**
     * Summarises the GPUs in {@code samples}, which may come from several hosts and several
     * collections. A GPU is a distinct {@code uuid} label (or {@code host} plus {@code gpu} label
     * when there is no UUID); only the samples of each GPU's latest collection count (those with
     * its latest timestamp: a collector stamps a whole collection with one time), so a value the
     * GPU stopped reporting never lingers (should one metric appear twice at that time, the larger
     * value counts). Samples without a {@code gpu} or {@code uuid} label and state samples are
     * ignored, so a whole collection's output can be passed as it is.
     */
    public static GpuSummary of(Collection<Sample> samples) {
        Map<String, LatestValues> gpus = new HashMap<>();
        for (Sample sample : samples) {
            if (!sample.isNumeric()) {
                continue;
            }
            String key = gpuKey(sample.labels());
            if (key != null) {
                gpus.computeIfAbsent(key, k -> new LatestValues()).offer(sample);
            }
        }
        SummaryAccumulator summary = new SummaryAccumulator();
        for (LatestValues gpu : gpus.values()) {
            summary.add(gpu.node,
                    gpu.value(GpuMetrics.UP, 1) != 0,
                    gpu.value(GpuMetrics.POWER, Double.NaN),
                    gpu.value(GpuMetrics.TEMPERATURE, Double.NaN),
                    gpu.value(GpuMetrics.UTILIZATION, Double.NaN),
                    gpu.value(GpuMetrics.MEMORY_USED, Double.NaN),
                    gpu.value(GpuMetrics.MEMORY_TOTAL, Double.NaN));
        }
        return summary.result();
    }

    private static String gpuKey(Labels labels) {
        String uuid = labels.get(GpuMetrics.UUID);
        if (uuid != null) {
            return uuid;
        }
        String index = labels.get(GpuMetrics.GPU);
        return index == null ? null : labels.get("host") + "\u0000" + index;
    }

    /** The samples of one GPU's latest collection (its latest timestamp), by metric. */
    private static final class LatestValues {
        final Map<String, Sample> latest = new HashMap<>();
        long time = Long.MIN_VALUE;
        /** The host of the latest collection (the smallest name, should two claim the same time). */
        String node;

        void offer(Sample sample) {
            String host = sample.labels().get("host");
            if (sample.timestampMillis() > time) {
                time = sample.timestampMillis();
                latest.clear();
                node = host;
            }
            if (sample.timestampMillis() == time) {
                latest.merge(sample.metric(), sample, (old, fresh) -> fresh.value() > old.value() ? fresh : old);
                if (host != null && (node == null || host.compareTo(node) < 0)) {
                    node = host;
                }
            }
        }

        double value(String metric, double absent) {
            Sample sample = latest.get(metric);
            return sample == null ? absent : sample.value();
        }
    }
}
