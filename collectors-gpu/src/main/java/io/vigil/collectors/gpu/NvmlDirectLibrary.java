package io.vigil.collectors.gpu;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * NVML through JNA direct mapping: JNA registers these native methods straight against the
 * library's symbols, so a call skips the reflective proxy of interface mapping (see the
 * module README for the measured difference).
 *
 * <p>Direct mapping binds a <em>class</em>, once per class loader, to one library; this is the
 * one piece of static state in the module and it cannot be avoided with JNA. The first library
 * asked for wins; {@link #bind} answers {@code null} for any other, and {@link NvmlBinding}
 * falls back to interface mapping for it (only tests or odd configurations load two NVMLs).
 */
final class NvmlDirectLibrary implements NvmlLibrary {

    private static NativeLibrary bound;

    private NvmlDirectLibrary() {
    }

    /** Binds the native methods to {@code library} unless already bound to another one (then {@code null}). */
    static synchronized NvmlDirectLibrary bind(NativeLibrary library) {
        if (bound == null) {
            Native.register(NvmlDirectLibrary.class, library);
            bound = library;
        }
        return bound == library ? new NvmlDirectLibrary() : null;
    }

    @Override
    public native int nvmlInit_v2();

    @Override
    public native int nvmlShutdown();

    @Override
    public native String nvmlErrorString(int result);

    @Override
    public native int nvmlSystemGetDriverVersion(Pointer version, int length);

    @Override
    public native int nvmlSystemGetCudaDriverVersion(Pointer cudaDriverVersion);

    @Override
    public native int nvmlDeviceGetCount_v2(Pointer deviceCount);

    @Override
    public native int nvmlDeviceGetHandleByIndex_v2(int index, Pointer device);

    @Override
    public native int nvmlDeviceGetName(Pointer device, Pointer name, int length);

    @Override
    public native int nvmlDeviceGetUUID(Pointer device, Pointer uuid, int length);

    @Override
    public native int nvmlDeviceGetVbiosVersion(Pointer device, Pointer version, int length);

    @Override
    public native int nvmlDeviceGetMaxPcieLinkGeneration(Pointer device, Pointer maxLinkGen);

    @Override
    public native int nvmlDeviceGetMaxPcieLinkWidth(Pointer device, Pointer maxLinkWidth);

    @Override
    public native int nvmlDeviceGetCudaComputeCapability(Pointer device, Pointer major, Pointer minor);

    @Override
    public native int nvmlDeviceGetPowerManagementLimitConstraints(Pointer device, Pointer minLimit, Pointer maxLimit);

    @Override
    public native int nvmlDeviceGetPowerManagementDefaultLimit(Pointer device, Pointer defaultLimit);

    @Override
    public native int nvmlDeviceGetEccMode(Pointer device, Pointer current, Pointer pending);

    @Override
    public native int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

    @Override
    public native int nvmlDeviceGetPowerUsage(Pointer device, Pointer power);

    @Override
    public native int nvmlDeviceGetEnforcedPowerLimit(Pointer device, Pointer limit);

    @Override
    public native int nvmlDeviceGetTemperature(Pointer device, int sensorType, Pointer temp);

    @Override
    public native int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

    @Override
    public native int nvmlDeviceGetClockInfo(Pointer device, int type, Pointer clock);

    @Override
    public native int nvmlDeviceGetPcieThroughput(Pointer device, int counter, Pointer value);

    @Override
    public native int nvmlDeviceGetFanSpeed(Pointer device, Pointer speed);

    @Override
    public native int nvmlDeviceGetTotalEnergyConsumption(Pointer device, Pointer energy);

    @Override
    public native int nvmlDeviceGetTotalEccErrors(Pointer device, int errorType, int counterType, Pointer eccCounts);

    @Override
    public native int nvmlDeviceGetCurrentClocksThrottleReasons(Pointer device, Pointer clocksThrottleReasons);

    @Override
    public native int nvmlEventSetCreate(Pointer set);

    @Override
    public native int nvmlDeviceRegisterEvents(Pointer device, long eventTypes, Pointer set);

    @Override
    public native int nvmlEventSetWait_v2(Pointer set, Pointer data, int timeoutms);

    @Override
    public native int nvmlEventSetFree(Pointer set);
}
