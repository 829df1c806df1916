package io.vigil.collectors.gpu;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The NVML functions the collector calls, with nvml.h's signatures mapped to JNA: every
 * {@code nvmlReturn_t} is an {@code int}, {@code unsigned int} an {@code int} read back as
 * unsigned, handles ({@code nvmlDevice_t}, {@code nvmlEventSet_t}) and out-parameters are
 * {@link Pointer}s into a preallocated scratch buffer (no {@code ByReference} allocation per
 * call). Two bindings implement it: {@link NvmlDirectLibrary} (JNA direct mapping) and a JNA
 * interface-mapping proxy; see {@link NvmlBinding}.
 */
interface NvmlLibrary extends Library {

    int nvmlInit_v2();

    int nvmlShutdown();

    /** A static string owned by NVML. */
    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(Pointer version, int length);

    int nvmlSystemGetCudaDriverVersion(Pointer cudaDriverVersion);

    int nvmlDeviceGetCount_v2(Pointer deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, Pointer device);

    int nvmlDeviceGetName(Pointer device, Pointer name, int length);

    int nvmlDeviceGetUUID(Pointer device, Pointer uuid, int length);

    int nvmlDeviceGetVbiosVersion(Pointer device, Pointer version, int length);

    int nvmlDeviceGetMaxPcieLinkGeneration(Pointer device, Pointer maxLinkGen);

    int nvmlDeviceGetMaxPcieLinkWidth(Pointer device, Pointer maxLinkWidth);

    int nvmlDeviceGetCudaComputeCapability(Pointer device, Pointer major, Pointer minor);

    int nvmlDeviceGetPowerManagementLimitConstraints(Pointer device, Pointer minLimit, Pointer maxLimit);

    int nvmlDeviceGetPowerManagementDefaultLimit(Pointer device, Pointer defaultLimit);

    int nvmlDeviceGetEccMode(Pointer device, Pointer current, Pointer pending);

    /** Fills an {@code nvmlMemory_t}: total, free, used, each an unsigned long long of bytes. */
    int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

    int nvmlDeviceGetPowerUsage(Pointer device, Pointer power);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, Pointer limit);

    int nvmlDeviceGetTemperature(Pointer device, int sensorType, Pointer temp);

    /** Fills an {@code nvmlUtilization_t}: gpu, memory, each an unsigned int percent. */
    int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

    int nvmlDeviceGetClockInfo(Pointer device, int type, Pointer clock);

    int nvmlDeviceGetPcieThroughput(Pointer device, int counter, Pointer value);

    int nvmlDeviceGetFanSpeed(Pointer device, Pointer speed);

    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, Pointer energy);

    int nvmlDeviceGetTotalEccErrors(Pointer device, int errorType, int counterType, Pointer eccCounts);

    int nvmlDeviceGetCurrentClocksThrottleReasons(Pointer device, Pointer clocksThrottleReasons);

    int nvmlEventSetCreate(Pointer set);

    int nvmlDeviceRegisterEvents(Pointer device, long eventTypes, Pointer set);

    /** Fills an {@code nvmlEventData_t}; answers {@code NVML_ERROR_TIMEOUT} when no event is pending. */
    int nvmlEventSetWait_v2(Pointer set, Pointer data, int timeoutms);

    int nvmlEventSetFree(Pointer set);
}
