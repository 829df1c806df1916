package io.vigil.collectors.gpu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GPUs NVML enumerated at the collector's latest enumeration (at start, and again whenever
 * the device count changes or a GPU is lost), ordered by index. A lost GPU leaves the inventory
 * at the next enumeration and comes back when it answers again; its {@code gpu_up} sample says 0
 * meanwhile.
 *
 * @param driverVersion     the NVIDIA driver version, when NVML reported it
 * @param cudaDriverVersion the CUDA version the driver supports, when NVML reported it
 * @param devices           the devices, by index
 */
public record GpuInventory(Optional<String> driverVersion, Optional<String> cudaDriverVersion, List<GpuDevice> devices) {

    public GpuInventory {
        Objects.requireNonNull(driverVersion, "driverVersion");
        Objects.requireNonNull(cudaDriverVersion, "cudaDriverVersion");
        devices = List.copyOf(devices);
    }

    /** No driver information and no device: what a collector knows before it enumerates. */
    public static GpuInventory empty() {
        return new GpuInventory(Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * The device with this id: its index ({@code "0"}), its UUID, or seed 004's
     * {@code "nvidia0"} form.
     */
    public Optional<GpuDevice> device(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String index = id.startsWith("nvidia") ? id.substring("nvidia".length()) : id;
        for (GpuDevice device : devices) {
            if (device.uuid().equalsIgnoreCase(id) || String.valueOf(device.index()).equals(index)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }
}
