package io.vigil.collectors.gpu;

/**
 * The names of the metrics and labels the GPU collector emits (the module README describes each).
 * Every per-GPU sample carries {@link #GPU} (NVML index), {@link #UUID} and {@link #MODEL} on top
 * of the host labels.
 */
public final class GpuMetrics {
    /** Label: the NVML device index, {@code "0"}, {@code "1"}, ... */
    public static final String GPU = "gpu";
    /** Label: the GPU's UUID, {@code GPU-0df69c58-...}; stable across reboots and re-enumeration. */
    public static final String UUID = "uuid";
    /** Label: the product name, {@code NVIDIA H100 80GB HBM3}. */
    public static final String MODEL = "model";
    /** Label of {@link #THROTTLE_REASON}: a {@link ThrottleReason#label()}. */
    public static final String REASON = "reason";

    /** 1 while the GPU answers, 0 once it is lost or has disappeared (until it answers again). */
    public static final String UP = "gpu_up";
    public static final String POWER = "gpu_power_watts";
    /** The enforced power limit. */
    public static final String POWER_LIMIT = "gpu_power_limit_watts";
    /** Power draw as a percentage of the enforced limit. */
    public static final String POWER_USAGE = "gpu_power_usage_percent";
    public static final String TEMPERATURE = "gpu_temperature_celsius";
    /** Percent of the last sample period during which a kernel ran. */
    public static final String UTILIZATION = "gpu_utilization_percent";
    /** Percent of the last sample period during which device memory was read or written (NVML's "memory utilization"). */
    public static final String MEMORY_UTILIZATION = "gpu_memory_utilization_percent";
    public static final String MEMORY_TOTAL = "gpu_memory_total_mb";
    public static final String MEMORY_USED = "gpu_memory_used_mb";
    public static final String MEMORY_FREE = "gpu_memory_free_mb";
    /** Used memory as a percentage of total memory (seed 004 summary's {@code memory_utilization_percent}). */
    public static final String MEMORY_USAGE = "gpu_memory_usage_percent";
    public static final String SM_CLOCK = "gpu_sm_clock_mhz";
    public static final String MEMORY_CLOCK = "gpu_memory_clock_mhz";
    /** PCIe receive throughput in KB/s as NVML reports it (a 20 ms sample). */
    public static final String PCIE_RX = "gpu_pcie_rx_kilobytes_per_second";
    public static final String PCIE_TX = "gpu_pcie_tx_kilobytes_per_second";
    /** Intended fan speed in percent of the maximum; absent on boards without a fan (SXM). */
    public static final String FAN_SPEED = "gpu_fan_speed_percent";
    /** Energy consumed since the driver was last loaded. */
    public static final String ENERGY = "gpu_energy_joules_total";
    /** Energy consumed since the previous collection. */
    public static final String ENERGY_INTERVAL = "gpu_energy_interval_joules";
    /** Volatile (since driver load) corrected ECC errors. */
    public static final String ECC_CORRECTED = "gpu_ecc_corrected_errors_total";
    /** Volatile (since driver load) uncorrected ECC errors. */
    public static final String ECC_UNCORRECTED = "gpu_ecc_uncorrected_errors_total";
    /** The bit mask of current clock throttle reasons (nvmlClocksThrottleReason*). */
    public static final String THROTTLE_REASONS = "gpu_throttle_reasons";
    /** 1 when the reason in label {@link #REASON} holds the clocks down now, else 0. */
    public static final String THROTTLE_REASON = "gpu_throttle_reason";
    /** XID critical error events this collector has seen for the GPU since it started. */
    public static final String XID_ERRORS = "gpu_xid_errors_total";
    /** The code of the last XID event seen (e.g. 79: fallen off the bus); absent until one happens. */
    public static final String LAST_XID = "gpu_last_xid";

    private GpuMetrics() {
    }
}
