package io.vigil.collectors.gpu;

import com.sun.jna.Pointer;
import io.vigil.alerting.api.Labels;

/**
 * The collector's mutable record of one GPU, known by UUID for the collector's lifetime so that
 * counters (energy, XID) survive a re-enumeration and a lost GPU can still be reported as down.
 * Only touched under the collector's lock.
 */
final class TrackedGpu {
    private static final GpuField[] FIELDS = GpuField.values();
    private static final ThrottleReason[] REASONS = ThrottleReason.values();

    private final String uuid;
    private GpuDevice device;
    private Pointer handle;
    private Labels labels;
    private Labels[] reasonLabels;
    private String[] fieldComponents;
    private String deviceComponent;
    private String xidComponent;

    /** Fields the device answered NVML_ERROR_NOT_SUPPORTED for since it was (re)bound: not asked again. */
    private int unsupported;
    /** Fields whose last read failed: their health problem must be cleared when they work again. */
    private int failing;
    private boolean lost;

    private boolean xidRegistered;
    private long xidCount;
    private long lastXid = -1;
    /** The energy counter at the previous collection, or -1 before the first. */
    private long previousEnergyMillijoules = -1;

    // This collection's readings the summary needs; NaN when not read.
    double powerWatts;
    double temperatureCelsius;
    double utilizationPercent;
    double memoryUsedMb;
    double memoryTotalMb;

    TrackedGpu(String uuid) {
        this.uuid = uuid;
    }

    /** Points this record at a (new) handle and inventory record, and forgets what the old one did not support. */
    void bind(Pointer newHandle, GpuDevice newDevice, Labels hostLabels) {
        this.handle = newHandle;
        this.device = newDevice;
        this.unsupported = 0;
        this.lost = false;
        this.xidRegistered = false;
        this.labels = hostLabels.merge(Labels.of(
                GpuMetrics.GPU, Integer.toString(newDevice.index()),
                GpuMetrics.UUID, uuid,
                GpuMetrics.MODEL, newDevice.name()));
        this.reasonLabels = new Labels[REASONS.length];
        for (ThrottleReason reason : REASONS) {
            reasonLabels[reason.ordinal()] = labels.with(GpuMetrics.REASON, reason.label());
        }
        String prefix = "gpu" + newDevice.index() + ".";
        this.fieldComponents = new String[FIELDS.length];
        for (GpuField field : FIELDS) {
            fieldComponents[field.ordinal()] = prefix + field.healthName();
        }
        this.deviceComponent = prefix + "device";
        this.xidComponent = prefix + "xid_events";
    }

    String uuid() {
        return uuid;
    }

    GpuDevice device() {
        return device;
    }

    Pointer handle() {
        return handle;
    }

    Labels labels() {
        return labels;
    }

    Labels reasonLabels(ThrottleReason reason) {
        return reasonLabels[reason.ordinal()];
    }

    String component(GpuField field) {
        return fieldComponents[field.ordinal()];
    }

    /** Health component for the device as a whole (lost, cannot be enumerated). */
    String deviceComponent() {
        return deviceComponent;
    }

    String xidComponent() {
        return xidComponent;
    }

    boolean isUnsupported(GpuField field) {
        return (unsupported & field.bit()) != 0;
    }

    void markUnsupported(GpuField field) {
        unsupported |= field.bit();
    }

    boolean isFailing(GpuField field) {
        return (failing & field.bit()) != 0;
    }

    void markFailing(GpuField field, boolean isFailing) {
        failing = isFailing ? failing | field.bit() : failing & ~field.bit();
    }

    void clearFailing() {
        failing = 0;
    }

    boolean isLost() {
        return lost;
    }

    /** Marks the GPU lost; the energy interval starts afresh when it is back, not across the gap. */
    void markLost() {
        lost = true;
        previousEnergyMillijoules = -1;
    }

    boolean isXidRegistered() {
        return xidRegistered;
    }

    void xidRegistered(boolean registered) {
        xidRegistered = registered;
    }

    void recordXid(long code) {
        xidCount++;
        lastXid = code;
    }

    long xidCount() {
        return xidCount;
    }

    /** The last XID code, or -1 when none was seen. */
    long lastXid() {
        return lastXid;
    }

    /**
     * Records the energy counter and answers the millijoules since the previous collection, or -1
     * when there is no previous reading or the counter went back (the driver was reloaded).
     */
    long energySincePrevious(long millijoules) {
        long previous = previousEnergyMillijoules;
        previousEnergyMillijoules = millijoules;
        return previous < 0 || Long.compareUnsigned(millijoules, previous) < 0 ? -1 : millijoules - previous;
    }

    void clearReadings() {
        powerWatts = Double.NaN;
        temperatureCelsius = Double.NaN;
        utilizationPercent = Double.NaN;
        memoryUsedMb = Double.NaN;
        memoryTotalMb = Double.NaN;
    }
}
