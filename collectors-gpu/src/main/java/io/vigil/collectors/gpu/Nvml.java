package io.vigil.collectors.gpu;

import java.nio.charset.StandardCharsets;

/** Constants from nvml.h and pure conversions of what NVML answers; no native calls. */
final class Nvml {
    static final int SUCCESS = 0;
    static final int ERROR_NOT_SUPPORTED = 3;
    static final int ERROR_TIMEOUT = 10;
    static final int ERROR_GPU_IS_LOST = 15;

    static final int TEMPERATURE_GPU = 0;
    static final int CLOCK_SM = 1;
    static final int CLOCK_MEM = 2;
    static final int PCIE_UTIL_TX_BYTES = 0;
    static final int PCIE_UTIL_RX_BYTES = 1;
    static final int MEMORY_ERROR_TYPE_CORRECTED = 0;
    static final int MEMORY_ERROR_TYPE_UNCORRECTED = 1;
    /** Volatile ECC counters: since the driver was last loaded (aggregate ones persist in the InfoROM). */
    static final int VOLATILE_ECC = 0;
    static final int FEATURE_ENABLED = 1;
    static final long EVENT_TYPE_XID_CRITICAL_ERROR = 0x8L;

    /** NVML_DEVICE_NAME_V2_BUFFER_SIZE and NVML_DEVICE_UUID_V2_BUFFER_SIZE, the largest string NVML returns. */
    static final int STRING_BUFFER_SIZE = 96;

    // Struct layouts on 64-bit systems (the only ones NVML supports).
    /** nvmlMemory_t: unsigned long long total, free, used. */
    static final int MEMORY_TOTAL = 0;
    static final int MEMORY_FREE = 8;
    static final int MEMORY_USED = 16;
    /** nvmlUtilization_t: unsigned int gpu, memory. */
    static final int UTILIZATION_GPU = 0;
    static final int UTILIZATION_MEMORY = 4;
    /** nvmlEventData_t: nvmlDevice_t device, unsigned long long eventType, eventData, unsigned int gpuInstanceId, computeInstanceId. */
    static final int EVENT_DEVICE = 0;
    static final int EVENT_TYPE = 8;
    static final int EVENT_DATA = 16;
    /** The largest struct the collector reads: nvmlEventData_t. */
    static final int LARGEST_STRUCT = 32;

    private Nvml() {
    }

    /** An {@code unsigned long long} held in a Java {@code long}, as a double (exact below 2^53). */
    static double unsignedToDouble(long value) {
        if (value >= 0) {
            return value;
        }
        // Halve (keeping the lowest bit so the rounding stays right), convert, double: adding 2^64
        // to the negative value instead would round twice.
        return ((value >>> 1) | (value & 1)) * 2.0;
    }

    /**
     * A NUL-terminated C string from a buffer NVML filled. Reads no further than the buffer even
     * when NVML left no terminator; bytes that are not UTF-8 become U+FFFD.
     */
    static String cString(byte[] buffer) {
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** {@code nvmlSystemGetCudaDriverVersion}'s integer (12020) as the usual "major.minor" (12.2). */
    static String cudaVersion(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }

    /** Milli-units (mW, mJ) to units. */
    static double fromMilli(double milli) {
        return milli / 1000.0;
    }

    /** Bytes to mebibytes, the "MB" of nvidia-smi and of seed 004. */
    static double bytesToMb(double bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
