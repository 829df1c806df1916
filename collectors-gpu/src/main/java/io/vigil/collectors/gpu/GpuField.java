package io.vigil.collectors.gpu;

import com.sun.jna.Pointer;

/**
 * The values read from every GPU at every collection, each with the NVML call that reads it into
 * the session's out-parameter. Each is also the unit of health reporting
 * ({@code gpu0.fan_speed}) and of the "not supported on this device" memory.
 */
enum GpuField {
    POWER("power", "nvmlDeviceGetPowerUsage", (nvml, device, out) -> nvml.nvmlDeviceGetPowerUsage(device, out)),
    POWER_LIMIT("power_limit", "nvmlDeviceGetEnforcedPowerLimit",
            (nvml, device, out) -> nvml.nvmlDeviceGetEnforcedPowerLimit(device, out)),
    TEMPERATURE("temperature", "nvmlDeviceGetTemperature",
            (nvml, device, out) -> nvml.nvmlDeviceGetTemperature(device, Nvml.TEMPERATURE_GPU, out)),
    UTILIZATION("utilization", "nvmlDeviceGetUtilizationRates",
            (nvml, device, out) -> nvml.nvmlDeviceGetUtilizationRates(device, out)),
    MEMORY("memory", "nvmlDeviceGetMemoryInfo", (nvml, device, out) -> nvml.nvmlDeviceGetMemoryInfo(device, out)),
    SM_CLOCK("sm_clock", "nvmlDeviceGetClockInfo",
            (nvml, device, out) -> nvml.nvmlDeviceGetClockInfo(device, Nvml.CLOCK_SM, out)),
    MEMORY_CLOCK("memory_clock", "nvmlDeviceGetClockInfo",
            (nvml, device, out) -> nvml.nvmlDeviceGetClockInfo(device, Nvml.CLOCK_MEM, out)),
    PCIE_RX("pcie_rx", "nvmlDeviceGetPcieThroughput",
            (nvml, device, out) -> nvml.nvmlDeviceGetPcieThroughput(device, Nvml.PCIE_UTIL_RX_BYTES, out)),
    PCIE_TX("pcie_tx", "nvmlDeviceGetPcieThroughput",
            (nvml, device, out) -> nvml.nvmlDeviceGetPcieThroughput(device, Nvml.PCIE_UTIL_TX_BYTES, out)),
    FAN_SPEED("fan_speed", "nvmlDeviceGetFanSpeed", (nvml, device, out) -> nvml.nvmlDeviceGetFanSpeed(device, out)),
    ENERGY("energy", "nvmlDeviceGetTotalEnergyConsumption",
            (nvml, device, out) -> nvml.nvmlDeviceGetTotalEnergyConsumption(device, out)),
    ECC_CORRECTED("ecc_corrected", "nvmlDeviceGetTotalEccErrors", (nvml, device, out) ->
            nvml.nvmlDeviceGetTotalEccErrors(device, Nvml.MEMORY_ERROR_TYPE_CORRECTED, Nvml.VOLATILE_ECC, out)),
    ECC_UNCORRECTED("ecc_uncorrected", "nvmlDeviceGetTotalEccErrors", (nvml, device, out) ->
            nvml.nvmlDeviceGetTotalEccErrors(device, Nvml.MEMORY_ERROR_TYPE_UNCORRECTED, Nvml.VOLATILE_ECC, out)),
    THROTTLE_REASONS("throttle_reasons", "nvmlDeviceGetCurrentClocksThrottleReasons",
            (nvml, device, out) -> nvml.nvmlDeviceGetCurrentClocksThrottleReasons(device, out));

    /** One NVML call that writes its answer into {@code out}; answers the nvmlReturn_t. */
    @FunctionalInterface
    interface Read {
        int call(NvmlLibrary nvml, Pointer device, Pointer out);
    }

    private final String healthName;
    private final String function;
    private final Read read;

    GpuField(String healthName, String function, Read read) {
        this.healthName = healthName;
        this.function = function;
        this.read = read;
    }

    /** The suffix of the health component: {@code gpu0.<healthName>}. */
    String healthName() {
        return healthName;
    }

    /** The NVML function, named in health messages. */
    String function() {
        return function;
    }

    int read(NvmlLibrary nvml, Pointer device, Pointer out) {
        return read.call(nvml, device, out);
    }

    int bit() {
        return 1 << ordinal();
    }
}
