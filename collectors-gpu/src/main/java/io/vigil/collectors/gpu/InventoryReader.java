package io.vigil.collectors.gpu;

import com.sun.jna.Pointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a device's static facts into a {@link GpuDevice}. A fact the device does not support is
 * left empty; one that fails otherwise is left empty and named in {@link #problems()}.
 * One instance per read; not thread-safe.
 */
final class InventoryReader {
    private final NvmlSession session;
    private final NvmlLibrary nvml;
    private final List<String> problems = new ArrayList<>();
    private boolean lost;

    InventoryReader(NvmlSession session) {
        this.session = session;
        this.nvml = session.nvml();
    }

    /** The device's inventory record; empty when the device answered NVML_ERROR_GPU_IS_LOST meanwhile. */
    Optional<GpuDevice> read(int index, Pointer device, String uuid, Optional<String> driverVersion, Optional<String> cudaVersion) {
        String name = text(nvml.nvmlDeviceGetName(device, session.text(), Nvml.STRING_BUFFER_SIZE), "nvmlDeviceGetName")
                .orElse("unknown");
        Optional<String> vbios = text(nvml.nvmlDeviceGetVbiosVersion(device, session.text(), Nvml.STRING_BUFFER_SIZE),
                "nvmlDeviceGetVbiosVersion");
        OptionalInt pcieGeneration = unsignedInt(nvml.nvmlDeviceGetMaxPcieLinkGeneration(device, session.out()),
                "nvmlDeviceGetMaxPcieLinkGeneration");
        OptionalInt pcieWidth = unsignedInt(nvml.nvmlDeviceGetMaxPcieLinkWidth(device, session.out()),
                "nvmlDeviceGetMaxPcieLinkWidth");

        Optional<String> computeCapability = Optional.empty();
        if (ok(nvml.nvmlDeviceGetCudaComputeCapability(device, session.out(), session.second()),
                "nvmlDeviceGetCudaComputeCapability")) {
            computeCapability = Optional.of(session.out().getInt(0) + "." + session.second().getInt(0));
        }

        OptionalLong memoryTotal = OptionalLong.empty();
        if (ok(nvml.nvmlDeviceGetMemoryInfo(device, session.out()), "nvmlDeviceGetMemoryInfo")) {
            memoryTotal = OptionalLong.of(session.out().getLong(Nvml.MEMORY_TOTAL));
        }

        OptionalDouble minLimit = OptionalDouble.empty();
        OptionalDouble maxLimit = OptionalDouble.empty();
        if (ok(nvml.nvmlDeviceGetPowerManagementLimitConstraints(device, session.out(), session.second()),
                "nvmlDeviceGetPowerManagementLimitConstraints")) {
            minLimit = OptionalDouble.of(Nvml.fromMilli(Integer.toUnsignedLong(session.out().getInt(0))));
            maxLimit = OptionalDouble.of(Nvml.fromMilli(Integer.toUnsignedLong(session.second().getInt(0))));
        }
        OptionalDouble defaultLimit = OptionalDouble.empty();
        if (ok(nvml.nvmlDeviceGetPowerManagementDefaultLimit(device, session.out()),
                "nvmlDeviceGetPowerManagementDefaultLimit")) {
            defaultLimit = OptionalDouble.of(Nvml.fromMilli(session.outUnsignedInt(0)));
        }

        Optional<Boolean> ecc = Optional.empty();
        if (ok(nvml.nvmlDeviceGetEccMode(device, session.out(), session.second()), "nvmlDeviceGetEccMode")) {
            ecc = Optional.of(session.out().getInt(0) == Nvml.FEATURE_ENABLED);
        }

        if (lost) {
            return Optional.empty();
        }
        return Optional.of(new GpuDevice(index, uuid, name, driverVersion, cudaVersion, vbios, pcieGeneration,
                pcieWidth, computeCapability, memoryTotal, minLimit, maxLimit, defaultLimit, ecc));
    }

    /** What failed, other than unsupported facts: {@code "nvmlDeviceGetVbiosVersion: Unknown Error (NVML error 999)"}. */
    List<String> problems() {
        return problems;
    }

    private Optional<String> text(int rc, String function) {
        return ok(rc, function) ? Optional.of(session.readText()) : Optional.empty();
    }

    private OptionalInt unsignedInt(int rc, String function) {
        // PCIe generations and widths are small: an int holds them.
        return ok(rc, function) ? OptionalInt.of(session.out().getInt(0)) : OptionalInt.empty();
    }

    private boolean ok(int rc, String function) {
        if (rc == Nvml.SUCCESS) {
            return true;
        }
        if (rc == Nvml.ERROR_GPU_IS_LOST) {
            lost = true;
        } else if (rc != Nvml.ERROR_NOT_SUPPORTED) {
            problems.add(function + ": " + session.describe(rc));
        }
        return false;
    }
}
