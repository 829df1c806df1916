package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.SampleSink;

/**
 * Reads every {@link GpuField} of one GPU and turns the answers into samples. The rules for
 * every return code live in {@link #read}: success emits, {@code NVML_ERROR_NOT_SUPPORTED} leaves
 * the field out (and it is not asked again until the device is re-enumerated),
 * {@code NVML_ERROR_GPU_IS_LOST} marks the GPU lost and stops reading it, anything else is a
 * health problem for that field alone. An out-parameter is read only after a success.
 */
final class GpuSampler {
    private static final ThrottleReason[] REASONS = ThrottleReason.values();

    private final NvmlSession session;
    private final NvmlLibrary nvml;
    private final CollectorHealth health;

    GpuSampler(NvmlSession session, CollectorHealth health) {
        this.session = session;
        this.nvml = session.nvml();
        this.health = health;
    }

    /** Emits {@code gpu}'s samples; afterwards {@link TrackedGpu#isLost()} says whether it was lost meanwhile. */
    void sample(TrackedGpu gpu, SampleSink sink) {
        gpu.clearReadings();
        Labels labels = gpu.labels();

        if (read(gpu, GpuField.POWER)) {
            gpu.powerWatts = Nvml.fromMilli(session.outUnsignedInt(0));
            sink.accept(GpuMetrics.POWER, gpu.powerWatts, labels);
        }
        if (read(gpu, GpuField.POWER_LIMIT)) {
            double limit = Nvml.fromMilli(session.outUnsignedInt(0));
            sink.accept(GpuMetrics.POWER_LIMIT, limit, labels);
            if (limit > 0 && !Double.isNaN(gpu.powerWatts)) {
                sink.accept(GpuMetrics.POWER_USAGE, 100.0 * gpu.powerWatts / limit, labels);
            }
        }
        if (read(gpu, GpuField.TEMPERATURE)) {
            gpu.temperatureCelsius = session.outUnsignedInt(0);
            sink.accept(GpuMetrics.TEMPERATURE, gpu.temperatureCelsius, labels);
        }
        if (read(gpu, GpuField.UTILIZATION)) {
            gpu.utilizationPercent = session.outUnsignedInt(Nvml.UTILIZATION_GPU);
            sink.accept(GpuMetrics.UTILIZATION, gpu.utilizationPercent, labels);
            sink.accept(GpuMetrics.MEMORY_UTILIZATION, session.outUnsignedInt(Nvml.UTILIZATION_MEMORY), labels);
        }
        if (read(gpu, GpuField.MEMORY)) {
            gpu.memoryTotalMb = Nvml.bytesToMb(session.outUnsignedLong(Nvml.MEMORY_TOTAL));
            gpu.memoryUsedMb = Nvml.bytesToMb(session.outUnsignedLong(Nvml.MEMORY_USED));
            sink.accept(GpuMetrics.MEMORY_TOTAL, gpu.memoryTotalMb, labels);
            sink.accept(GpuMetrics.MEMORY_USED, gpu.memoryUsedMb, labels);
            sink.accept(GpuMetrics.MEMORY_FREE, Nvml.bytesToMb(session.outUnsignedLong(Nvml.MEMORY_FREE)), labels);
            if (gpu.memoryTotalMb > 0) {
                sink.accept(GpuMetrics.MEMORY_USAGE, 100.0 * gpu.memoryUsedMb / gpu.memoryTotalMb, labels);
            }
        }
        emitUnsignedInt(gpu, GpuField.SM_CLOCK, GpuMetrics.SM_CLOCK, sink);
        emitUnsignedInt(gpu, GpuField.MEMORY_CLOCK, GpuMetrics.MEMORY_CLOCK, sink);
        emitUnsignedInt(gpu, GpuField.PCIE_RX, GpuMetrics.PCIE_RX, sink);
        emitUnsignedInt(gpu, GpuField.PCIE_TX, GpuMetrics.PCIE_TX, sink);
        emitUnsignedInt(gpu, GpuField.FAN_SPEED, GpuMetrics.FAN_SPEED, sink);
        if (read(gpu, GpuField.ENERGY)) {
            long millijoules = session.out().getLong(0);
            sink.accept(GpuMetrics.ENERGY, Nvml.fromMilli(Nvml.unsignedToDouble(millijoules)), labels);
            long interval = gpu.energySincePrevious(millijoules);
            if (interval >= 0) {
                sink.accept(GpuMetrics.ENERGY_INTERVAL, Nvml.fromMilli(interval), labels);
            }
        }
        if (read(gpu, GpuField.ECC_CORRECTED)) {
            sink.accept(GpuMetrics.ECC_CORRECTED, session.outUnsignedLong(0), labels);
        }
        if (read(gpu, GpuField.ECC_UNCORRECTED)) {
            sink.accept(GpuMetrics.ECC_UNCORRECTED, session.outUnsignedLong(0), labels);
        }
        if (read(gpu, GpuField.THROTTLE_REASONS)) {
            long mask = session.out().getLong(0);
            sink.accept(GpuMetrics.THROTTLE_REASONS, Nvml.unsignedToDouble(mask), labels);
            for (ThrottleReason reason : REASONS) {
                sink.accept(GpuMetrics.THROTTLE_REASON, reason.isActiveIn(mask) ? 1 : 0, gpu.reasonLabels(reason));
            }
        }
        if (gpu.isLost()) {
            sink.accept(GpuMetrics.UP, 0, labels);
            return;
        }
        if (gpu.isXidRegistered()) {
            sink.accept(GpuMetrics.XID_ERRORS, gpu.xidCount(), labels);
            if (gpu.lastXid() >= 0) {
                sink.accept(GpuMetrics.LAST_XID, gpu.lastXid(), labels);
            }
        }
        sink.accept(GpuMetrics.UP, 1, labels);
    }

    private void emitUnsignedInt(TrackedGpu gpu, GpuField field, String metric, SampleSink sink) {
        if (read(gpu, field)) {
            sink.accept(metric, session.outUnsignedInt(0), gpu.labels());
        }
    }

    /** Calls NVML for {@code field}; true when the out-parameter holds a fresh answer. */
    private boolean read(TrackedGpu gpu, GpuField field) {
        if (gpu.isLost() || gpu.isUnsupported(field)) {
            return false;
        }
        int rc = field.read(nvml, gpu.handle(), session.out());
        if (rc == Nvml.SUCCESS) {
            recovered(gpu, field);
            return true;
        }
        if (rc == Nvml.ERROR_NOT_SUPPORTED) {
            gpu.markUnsupported(field);
            recovered(gpu, field);
        } else if (rc == Nvml.ERROR_GPU_IS_LOST) {
            lose(gpu, health, session.describe(rc));
        } else {
            gpu.markFailing(field, true);
            health.problem(gpu.component(field), field.function() + " failed: " + session.describe(rc));
        }
        return false;
    }

    private void recovered(TrackedGpu gpu, GpuField field) {
        if (gpu.isFailing(field)) {
            gpu.markFailing(field, false);
            health.clear(gpu.component(field));
        }
    }

    /** Marks {@code gpu} lost: one device-level problem replaces whatever its fields reported. */
    static void lose(TrackedGpu gpu, CollectorHealth health, String why) {
        gpu.markLost();
        for (GpuField field : GpuField.values()) {
            if (gpu.isFailing(field)) {
                health.clear(gpu.component(field));
            }
        }
        gpu.clearFailing();
        health.problem(gpu.deviceComponent(), "GPU " + gpu.uuid() + " is lost, waiting for it to come back: " + why);
    }
}
