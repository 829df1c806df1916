package io.vigil.collectors.gpu;

import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Adds GPUs up into a {@link GpuSummary}; the one place the summary's arithmetic lives, shared by
 * {@link GpuSummary#of} and the collector's own per-collection summary. NaN means "not reported".
 */
final class SummaryAccumulator {
    private int total;
    private int idle;
    private int unavailable;
    private double powerSum;
    private int powerCount;
    private double temperatureSum;
    private int temperatureCount;
    private double temperatureMax = Double.NEGATIVE_INFINITY;
    private double utilizationSum;
    private int utilizationCount;
    private double memoryTotal;
    private double memoryUsed;
    private final SortedSet<String> nodes = new TreeSet<>();

    void add(String node, boolean up, double power, double temperature, double utilization,
             double memoryUsedMb, double memoryTotalMb) {
        total++;
        if (node != null) {
            nodes.add(node);
        }
        if (!up) {
            unavailable++;
            return;
        }
        if (utilization == 0) {
            idle++;
        }
        if (!Double.isNaN(power)) {
            powerSum += power;
            powerCount++;
        }
        if (!Double.isNaN(temperature)) {
            temperatureSum += temperature;
            temperatureCount++;
            temperatureMax = Math.max(temperatureMax, temperature);
        }
        if (!Double.isNaN(utilization)) {
            utilizationSum += utilization;
            utilizationCount++;
        }
        if (!Double.isNaN(memoryTotalMb) && !Double.isNaN(memoryUsedMb)) {
            memoryTotal += memoryTotalMb;
            memoryUsed += memoryUsedMb;
        }
    }

    GpuSummary result() {
        return new GpuSummary(
                total,
                total - idle - unavailable,
                idle,
                unavailable,
                powerSum,
                mean(powerSum, powerCount),
                mean(temperatureSum, temperatureCount),
                temperatureCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(temperatureMax),
                mean(utilizationSum, utilizationCount),
                memoryTotal,
                memoryUsed,
                memoryTotal > 0 ? OptionalDouble.of(100.0 * memoryUsed / memoryTotal) : OptionalDouble.empty(),
                nodes.stream().toList());
    }

    private static OptionalDouble mean(double sum, int count) {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
    }
}
