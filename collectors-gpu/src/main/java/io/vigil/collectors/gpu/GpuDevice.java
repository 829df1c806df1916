package io.vigil.collectors.gpu;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What does not change while a GPU is installed: read once when the collector finds the device
 * (seed 004 {@code /accelerators/gpus/{id}}). A value the device does not report
 * ({@code NVML_ERROR_NOT_SUPPORTED}) or could not report is empty, never a made-up zero.
 *
 * @param index                  the NVML device index (the {@code gpu} label)
 * @param uuid                   the GPU's UUID (the {@code uuid} label)
 * @param name                   the product name (the {@code model} label); {@code "unknown"} if NVML would not say
 * @param driverVersion          the NVIDIA driver version ({@code 580.159.04})
 * @param cudaDriverVersion      the newest CUDA version the driver supports ({@code 13.0})
 * @param vbiosVersion           the VBIOS version
 * @param pcieMaxGeneration      the highest PCIe generation the device and system support
 * @param pcieMaxLinkWidth       the widest PCIe link (lanes) the device and system support
 * @param computeCapability      the CUDA compute capability, {@code "9.0"}
 * @param memoryTotalBytes       the device memory
 * @param powerLimitMinWatts     the lowest power limit that can be set
 * @param powerLimitMaxWatts     the highest power limit that can be set
 * @param powerLimitDefaultWatts the power limit the board ships with
 * @param eccEnabled             whether ECC is on (current mode)
 */
public record GpuDevice(
        int index,
        String uuid,
        String name,
        Optional<String> driverVersion,
        Optional<String> cudaDriverVersion,
        Optional<String> vbiosVersion,
        OptionalInt pcieMaxGeneration,
        OptionalInt pcieMaxLinkWidth,
        Optional<String> computeCapability,
        OptionalLong memoryTotalBytes,
        OptionalDouble powerLimitMinWatts,
        OptionalDouble powerLimitMaxWatts,
        OptionalDouble powerLimitDefaultWatts,
        Optional<Boolean> eccEnabled) {

    public GpuDevice {
        if (index < 0) {
            throw new IllegalArgumentException("a device index is not negative, was " + index);
        }
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driverVersion, "driverVersion");
        Objects.requireNonNull(cudaDriverVersion, "cudaDriverVersion");
        Objects.requireNonNull(vbiosVersion, "vbiosVersion");
        Objects.requireNonNull(pcieMaxGeneration, "pcieMaxGeneration");
        Objects.requireNonNull(pcieMaxLinkWidth, "pcieMaxLinkWidth");
        Objects.requireNonNull(computeCapability, "computeCapability");
        Objects.requireNonNull(memoryTotalBytes, "memoryTotalBytes");
        Objects.requireNonNull(powerLimitMinWatts, "powerLimitMinWatts");
        Objects.requireNonNull(powerLimitMaxWatts, "powerLimitMaxWatts");
        Objects.requireNonNull(powerLimitDefaultWatts, "powerLimitDefaultWatts");
        Objects.requireNonNull(eccEnabled, "eccEnabled");
    }

    /** The device memory in MB (MiB, as nvidia-smi and seed 004 count). */
    public OptionalDouble memoryTotalMb() {
        return memoryTotalBytes.isPresent()
                ? OptionalDouble.of(Nvml.bytesToMb(memoryTotalBytes.getAsLong()))
                : OptionalDouble.empty();
    }
}
