/*
 * A fake libnvidia-ml for the collector's tests: it exports the NVML functions the collector
 * calls, with NVML's own signatures and return codes, and a few fake_nvml_* control functions a
 * test calls (through JNA) to steer the answers: device count, values, per-function return codes,
 * lost GPUs, XID events.
 *
 * Faithful where it matters for the collector:
 *  - every failing call writes garbage into its out-parameters, as the H100 leaves a stale fan
 *    speed behind NVML_ERROR_NOT_SUPPORTED: a collector that reads an out-parameter without
 *    checking the return code reports that garbage;
 *  - nvmlInit_v2/nvmlShutdown are reference counted and every other call fails with
 *    NVML_ERROR_UNINITIALIZED while the count is zero;
 *  - a lost GPU answers NVML_ERROR_GPU_IS_LOST to everything, nvmlDeviceGetHandleByIndex_v2
 *    included, while nvmlDeviceGetCount_v2 still counts it;
 *  - XID events reach only event sets the device was registered with.
 *
 * Types and constants follow nvml.h (which is not needed to build this file).
 * Not thread-safe: the tests call it from one thread at a time.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ---- NVML types, as in nvml.h ------------------------------------------------------------- */

typedef enum nvmlReturn_enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NO_PERMISSION = 4,
    NVML_ERROR_ALREADY_INITIALIZED = 5,
    NVML_ERROR_NOT_FOUND = 6,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_INSUFFICIENT_POWER = 8,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_TIMEOUT = 10,
    NVML_ERROR_IRQ_ISSUE = 11,
    NVML_ERROR_LIBRARY_NOT_FOUND = 12,
    NVML_ERROR_FUNCTION_NOT_FOUND = 13,
    NVML_ERROR_CORRUPTED_INFOROM = 14,
    NVML_ERROR_GPU_IS_LOST = 15,
    NVML_ERROR_RESET_REQUIRED = 16,
    NVML_ERROR_OPERATING_SYSTEM = 17,
    NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18,
    NVML_ERROR_IN_USE = 19,
    NVML_ERROR_MEMORY = 20,
    NVML_ERROR_NO_DATA = 21,
    NVML_ERROR_UNKNOWN = 999
} nvmlReturn_t;

typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct nvmlEventSet_st *nvmlEventSet_t;

typedef struct nvmlMemory_st {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvmlMemory_t;

typedef struct nvmlUtilization_st {
    unsigned int gpu;
    unsigned int memory;
} nvmlUtilization_t;

typedef struct nvmlEventData_st {
    nvmlDevice_t device;
    unsigned long long eventType;
    unsigned long long eventData;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} nvmlEventData_t;

typedef enum { NVML_FEATURE_DISABLED = 0, NVML_FEATURE_ENABLED = 1 } nvmlEnableState_t;
typedef enum { NVML_TEMPERATURE_GPU = 0 } nvmlTemperatureSensors_t;
typedef enum { NVML_CLOCK_GRAPHICS = 0, NVML_CLOCK_SM = 1, NVML_CLOCK_MEM = 2, NVML_CLOCK_VIDEO = 3 } nvmlClockType_t;
typedef enum { NVML_PCIE_UTIL_TX_BYTES = 0, NVML_PCIE_UTIL_RX_BYTES = 1 } nvmlPcieUtilCounter_t;
typedef enum { NVML_MEMORY_ERROR_TYPE_CORRECTED = 0, NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1 } nvmlMemoryErrorType_t;
typedef enum { NVML_VOLATILE_ECC = 0, NVML_AGGREGATE_ECC = 1 } nvmlEccCounterType_t;

#define nvmlEventTypeXidCriticalError 0x0000000000000008ULL

/* ---- fake state --------------------------------------------------------------------------- */

#define FAKE_EXPORT __attribute__((visibility("default")))
#define FAKE_MAX_GPUS 8
#define FAKE_MAX_SETS 4
#define FAKE_MAX_QUEUED 64
#define FAKE_MAX_SCRIPTED 64
#define FAKE_MAX_COUNTED 64
#define FAKE_GARBAGE 0x5A /* what a failing call leaves in its out-parameters */

/* Numeric values a test can set with fake_nvml_set_value(index, name, value). */
enum fake_value {
    V_POWER_MW, V_POWER_LIMIT_MW, V_POWER_MIN_MW, V_POWER_MAX_MW, V_POWER_DEFAULT_MW,
    V_TEMPERATURE_C, V_UTIL_GPU, V_UTIL_MEMORY,
    V_MEMORY_TOTAL, V_MEMORY_USED, V_MEMORY_FREE,
    V_CLOCK_SM, V_CLOCK_MEM, V_PCIE_TX_KBS, V_PCIE_RX_KBS, V_FAN_PERCENT, V_ENERGY_MJ,
    V_ECC_CORRECTED_VOLATILE, V_ECC_UNCORRECTED_VOLATILE, V_ECC_CORRECTED_AGGREGATE, V_ECC_UNCORRECTED_AGGREGATE,
    V_THROTTLE_REASONS, V_CC_MAJOR, V_CC_MINOR, V_PCIE_MAX_GEN, V_PCIE_MAX_WIDTH, V_ECC_MODE, V_ECC_PENDING,
    V_COUNT
};

static const char *const VALUE_NAMES[V_COUNT] = {
    "power_mw", "power_limit_mw", "power_min_mw", "power_max_mw", "power_default_mw",
    "temperature_c", "util_gpu", "util_memory",
    "memory_total", "memory_used", "memory_free",
    "clock_sm", "clock_mem", "pcie_tx_kbs", "pcie_rx_kbs", "fan_percent", "energy_mj",
    "ecc_corrected_volatile", "ecc_uncorrected_volatile", "ecc_corrected_aggregate", "ecc_uncorrected_aggregate",
    "throttle_reasons", "cc_major", "cc_minor", "pcie_max_gen", "pcie_max_width", "ecc_mode", "ecc_pending",
};

struct nvmlDevice_st {
    unsigned index;
    int lost;
    char name[96];
    char uuid[96];
    char vbios[32];
    unsigned long long value[V_COUNT];
};

struct nvmlEventSet_st {
    int in_use;
    unsigned long long registered[FAKE_MAX_GPUS];
    unsigned queued_device[FAKE_MAX_QUEUED];
    unsigned long long queued_code[FAKE_MAX_QUEUED];
    unsigned head;
    unsigned length;
};

/* A return code a test scripted for one function, on one device (or -1: not device-specific). */
struct scripted_return {
    int device;
    char function[64];
    nvmlReturn_t rc;
};

struct call_count {
    char function[64];
    int count;
};

static struct nvmlDevice_st gpus[FAKE_MAX_GPUS];
static struct nvmlEventSet_st sets[FAKE_MAX_SETS];
static struct scripted_return scripted[FAKE_MAX_SCRIPTED];
static struct call_count calls[FAKE_MAX_COUNTED];
static unsigned device_count;
static int init_count;
static nvmlReturn_t init_return;
static char driver_version[80];
static int cuda_driver_version;

static void copy_string(char *dst, size_t size, const char *src) {
    snprintf(dst, size, "%s", src);
}

static void count_call(const char *function) {
    for (int i = 0; i < FAKE_MAX_COUNTED; i++) {
        if (calls[i].function[0] == '\0') {
            copy_string(calls[i].function, sizeof calls[i].function, function);
        }
        if (strcmp(calls[i].function, function) == 0) {
            calls[i].count++;
            return;
        }
    }
}

static nvmlReturn_t scripted_return(int device, const char *function) {
    for (int i = 0; i < FAKE_MAX_SCRIPTED && scripted[i].function[0] != '\0'; i++) {
        if (scripted[i].device == device && strcmp(scripted[i].function, function) == 0) {
            return scripted[i].rc;
        }
    }
    return NVML_SUCCESS;
}

static int is_device(nvmlDevice_t device) {
    for (unsigned i = 0; i < FAKE_MAX_GPUS; i++) {
        if (device == &gpus[i]) {
            return i < device_count;
        }
    }
    return 0;
}

static int is_set(nvmlEventSet_t set) {
    for (unsigned i = 0; i < FAKE_MAX_SETS; i++) {
        if (set == &sets[i]) {
            return sets[i].in_use;
        }
    }
    return 0;
}

/* What every per-device call answers before doing its work; NVML_SUCCESS means "go on". */
static nvmlReturn_t enter(const char *function, nvmlDevice_t device) {
    count_call(function);
    if (init_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (!is_device(device)) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->lost) {
        return NVML_ERROR_GPU_IS_LOST;
    }
    return scripted_return((int) device->index, function);
}

static nvmlReturn_t enter_system(const char *function) {
    count_call(function);
    if (init_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    return scripted_return(-1, function);
}

/* Fails like NVML does: the out-parameter keeps whatever was there, here deliberate garbage. */
static nvmlReturn_t fail(nvmlReturn_t rc, void *out, size_t size) {
    if (out != NULL) {
        memset(out, FAKE_GARBAGE, size);
    }
    return rc;
}

/* ---- NVML --------------------------------------------------------------------------------- */

FAKE_EXPORT const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
        case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
        case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
        case NVML_ERROR_ALREADY_INITIALIZED: return "Already Initialized";
        case NVML_ERROR_NOT_FOUND: return "Not Found";
        case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
        case NVML_ERROR_INSUFFICIENT_POWER: return "Insufficient External Power";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case NVML_ERROR_TIMEOUT: return "Timeout";
        case NVML_ERROR_IRQ_ISSUE: return "Interrupt Request Issue";
        case NVML_ERROR_LIBRARY_NOT_FOUND: return "NVML Shared Library Not Found";
        case NVML_ERROR_FUNCTION_NOT_FOUND: return "Function Not Found";
        case NVML_ERROR_CORRUPTED_INFOROM: return "Corrupted infoROM";
        case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
        case NVML_ERROR_RESET_REQUIRED: return "GPU requires restart";
        case NVML_ERROR_OPERATING_SYSTEM: return "The operating system has blocked the request.";
        case NVML_ERROR_LIB_RM_VERSION_MISMATCH: return "RM has detected an NVML/RM version mismatch.";
        case NVML_ERROR_IN_USE: return "In use by another client";
        case NVML_ERROR_MEMORY: return "Insufficient Memory";
        case NVML_ERROR_NO_DATA: return "No data";
        default: return "Unknown Error";
    }
}

FAKE_EXPORT nvmlReturn_t nvmlInit_v2(void) {
    count_call(__func__);
    if (init_return != NVML_SUCCESS) {
        return init_return;
    }
    init_count++;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlShutdown(void) {
    count_call(__func__);
    if (init_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    init_count--;
    if (init_count == 0) {
        /* NVML frees every event set on the last shutdown. */
        for (unsigned i = 0; i < FAKE_MAX_SETS; i++) {
            sets[i].in_use = 0;
        }
    }
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    nvmlReturn_t rc = enter_system(__func__);
    if (rc != NVML_SUCCESS) {
        return fail(rc, version, length);
    }
    if (version == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (strlen(driver_version) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    copy_string(version, length, driver_version);
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion(int *version) {
    nvmlReturn_t rc = enter_system(__func__);
    if (rc != NVML_SUCCESS) {
        return fail(rc, version, sizeof *version);
    }
    *version = cuda_driver_version;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    nvmlReturn_t rc = enter_system(__func__);
    if (rc != NVML_SUCCESS) {
        return fail(rc, count, sizeof *count);
    }
    *count = device_count;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    count_call(__func__);
    if (init_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (index >= device_count || device == NULL) {
        return fail(NVML_ERROR_INVALID_ARGUMENT, device, sizeof *device);
    }
    if (gpus[index].lost) {
        return fail(NVML_ERROR_GPU_IS_LOST, device, sizeof *device);
    }
    nvmlReturn_t rc = scripted_return((int) index, __func__);
    if (rc != NVML_SUCCESS) {
        return fail(rc, device, sizeof *device);
    }
    *device = &gpus[index];
    return NVML_SUCCESS;
}

static nvmlReturn_t get_string(const char *function, nvmlDevice_t device, const char *value,
                               char *out, unsigned int length) {
    nvmlReturn_t rc = enter(function, device);
    if (rc != NVML_SUCCESS) {
        return fail(rc, out, length);
    }
    if (out == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (strlen(value) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    copy_string(out, length, value);
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    return get_string(__func__, device, is_device(device) ? device->name : "", name, length);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    return get_string(__func__, device, is_device(device) ? device->uuid : "", uuid, length);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetVbiosVersion(nvmlDevice_t device, char *version, unsigned int length) {
    return get_string(__func__, device, is_device(device) ? device->vbios : "", version, length);
}

/* The common shape "one unsigned int out-parameter read from one value". */
static nvmlReturn_t get_uint(const char *function, nvmlDevice_t device, enum fake_value v, unsigned int *out) {
    nvmlReturn_t rc = enter(function, device);
    if (rc != NVML_SUCCESS) {
        return fail(rc, out, sizeof *out);
    }
    if (out == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *out = (unsigned int) device->value[v];
    return NVML_SUCCESS;
}

static nvmlReturn_t get_ulonglong(const char *function, nvmlDevice_t device, enum fake_value v,
                                  unsigned long long *out) {
    nvmlReturn_t rc = enter(function, device);
    if (rc != NVML_SUCCESS) {
        return fail(rc, out, sizeof *out);
    }
    if (out == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *out = device->value[v];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(nvmlDevice_t device, unsigned int *generation) {
    return get_uint(__func__, device, V_PCIE_MAX_GEN, generation);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(nvmlDevice_t device, unsigned int *width) {
    return get_uint(__func__, device, V_PCIE_MAX_WIDTH, width);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetCudaComputeCapability(nvmlDevice_t device, int *major, int *minor) {
    nvmlReturn_t rc = enter(__func__, device);
    if (rc != NVML_SUCCESS) {
        fail(rc, major, sizeof *major);
        return fail(rc, minor, sizeof *minor);
    }
    *major = (int) device->value[V_CC_MAJOR];
    *minor = (int) device->value[V_CC_MINOR];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t device,
                                                                      unsigned int *min, unsigned int *max) {
    nvmlReturn_t rc = enter(__func__, device);
    if (rc != NVML_SUCCESS) {
        fail(rc, min, sizeof *min);
        return fail(rc, max, sizeof *max);
    }
    *min = (unsigned int) device->value[V_POWER_MIN_MW];
    *max = (unsigned int) device->value[V_POWER_MAX_MW];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetPowerManagementDefaultLimit(nvmlDevice_t device, unsigned int *limit) {
    return get_uint(__func__, device, V_POWER_DEFAULT_MW, limit);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetEccMode(nvmlDevice_t device, nvmlEnableState_t *current,
                                              nvmlEnableState_t *pending) {
    nvmlReturn_t rc = enter(__func__, device);
    if (rc != NVML_SUCCESS) {
        fail(rc, current, sizeof *current);
        return fail(rc, pending, sizeof *pending);
    }
    *current = (nvmlEnableState_t) device->value[V_ECC_MODE];
    *pending = (nvmlEnableState_t) device->value[V_ECC_PENDING];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    nvmlReturn_t rc = enter(__func__, device);
    if (rc != NVML_SUCCESS) {
        return fail(rc, memory, sizeof *memory);
    }
    memory->total = device->value[V_MEMORY_TOTAL];
    memory->free = device->value[V_MEMORY_FREE];
    memory->used = device->value[V_MEMORY_USED];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    return get_uint(__func__, device, V_POWER_MW, power);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    return get_uint(__func__, device, V_POWER_LIMIT_MW, limit);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, nvmlTemperatureSensors_t sensor,
                                                  unsigned int *temperature) {
    if (sensor != NVML_TEMPERATURE_GPU) {
        count_call(__func__);
        return fail(NVML_ERROR_INVALID_ARGUMENT, temperature, sizeof *temperature);
    }
    return get_uint(__func__, device, V_TEMPERATURE_C, temperature);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    nvmlReturn_t rc = enter(__func__, device);
    if (rc != NVML_SUCCESS) {
        return fail(rc, utilization, sizeof *utilization);
    }
    utilization->gpu = (unsigned int) device->value[V_UTIL_GPU];
    utilization->memory = (unsigned int) device->value[V_UTIL_MEMORY];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, nvmlClockType_t type, unsigned int *clock) {
    switch (type) {
        case NVML_CLOCK_SM: return get_uint(__func__, device, V_CLOCK_SM, clock);
        case NVML_CLOCK_MEM: return get_uint(__func__, device, V_CLOCK_MEM, clock);
        default:
            count_call(__func__);
            return fail(NVML_ERROR_NOT_SUPPORTED, clock, sizeof *clock);
    }
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetPcieThroughput(nvmlDevice_t device, nvmlPcieUtilCounter_t counter,
                                                     unsigned int *value) {
    switch (counter) {
        case NVML_PCIE_UTIL_TX_BYTES: return get_uint(__func__, device, V_PCIE_TX_KBS, value);
        case NVML_PCIE_UTIL_RX_BYTES: return get_uint(__func__, device, V_PCIE_RX_KBS, value);
        default:
            count_call(__func__);
            return fail(NVML_ERROR_INVALID_ARGUMENT, value, sizeof *value);
    }
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetFanSpeed(nvmlDevice_t device, unsigned int *speed) {
    return get_uint(__func__, device, V_FAN_PERCENT, speed);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    return get_ulonglong(__func__, device, V_ENERGY_MJ, energy);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t device, nvmlMemoryErrorType_t errorType,
                                                     nvmlEccCounterType_t counterType, unsigned long long *count) {
    int uncorrected = errorType == NVML_MEMORY_ERROR_TYPE_UNCORRECTED;
    int aggregate = counterType == NVML_AGGREGATE_ECC;
    enum fake_value v = uncorrected
            ? (aggregate ? V_ECC_UNCORRECTED_AGGREGATE : V_ECC_UNCORRECTED_VOLATILE)
            : (aggregate ? V_ECC_CORRECTED_AGGREGATE : V_ECC_CORRECTED_VOLATILE);
    return get_ulonglong(__func__, device, v, count);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t device, unsigned long long *reasons) {
    return get_ulonglong(__func__, device, V_THROTTLE_REASONS, reasons);
}

FAKE_EXPORT nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set) {
    nvmlReturn_t rc = enter_system(__func__);
    if (rc != NVML_SUCCESS) {
        return fail(rc, set, sizeof *set);
    }
    for (unsigned i = 0; i < FAKE_MAX_SETS; i++) {
        if (!sets[i].in_use) {
            memset(&sets[i], 0, sizeof sets[i]);
            sets[i].in_use = 1;
            *set = &sets[i];
            return NVML_SUCCESS;
        }
    }
    return fail(NVML_ERROR_MEMORY, set, sizeof *set);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t device, unsigned long long eventTypes,
                                                  nvmlEventSet_t set) {
    nvmlReturn_t rc = enter(__func__, device);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (!is_set(set)) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (eventTypes & ~nvmlEventTypeXidCriticalError) {
        return NVML_ERROR_NOT_SUPPORTED; /* the fake knows XID events only */
    }
    set->registered[device->index] |= eventTypes;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) {
    (void) timeoutms; /* never blocks: a test has queued its events before the collection */
    nvmlReturn_t rc = enter_system(__func__);
    if (rc != NVML_SUCCESS) {
        return fail(rc, data, sizeof *data);
    }
    if (!is_set(set) || data == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (set->length == 0) {
        return fail(NVML_ERROR_TIMEOUT, data, sizeof *data);
    }
    unsigned slot = set->head;
    set->head = (set->head + 1) % FAKE_MAX_QUEUED;
    set->length--;
    data->device = &gpus[set->queued_device[slot]];
    data->eventType = nvmlEventTypeXidCriticalError;
    data->eventData = set->queued_code[slot];
    data->gpuInstanceId = 0xFFFFFFFFu;
    data->computeInstanceId = 0xFFFFFFFFu;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set) {
    nvmlReturn_t rc = enter_system(__func__);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (!is_set(set)) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    set->in_use = 0;
    return NVML_SUCCESS;
}

/* ---- control functions for the tests ------------------------------------------------------ */

/* Back to one healthy GPU with an idle H100's values, no scripted returns, nothing initialised. */
FAKE_EXPORT void fake_nvml_reset(void) {
    memset(gpus, 0, sizeof gpus);
    memset(sets, 0, sizeof sets);
    memset(scripted, 0, sizeof scripted);
    memset(calls, 0, sizeof calls);
    init_count = 0;
    init_return = NVML_SUCCESS;
    device_count = 1;
    copy_string(driver_version, sizeof driver_version, "580.159.04");
    cuda_driver_version = 13000;
    for (unsigned i = 0; i < FAKE_MAX_GPUS; i++) {
        struct nvmlDevice_st *g = &gpus[i];
        g->index = i;
        copy_string(g->name, sizeof g->name, "NVIDIA H100 80GB HBM3");
        snprintf(g->uuid, sizeof g->uuid, "GPU-0df69c58-0000-4000-8000-00000000000%u", i);
        copy_string(g->vbios, sizeof g->vbios, "96.00.99.00.01");
        g->value[V_POWER_MW] = 90603;
        g->value[V_POWER_LIMIT_MW] = 700000;
        g->value[V_POWER_MIN_MW] = 200000;
        g->value[V_POWER_MAX_MW] = 700000;
        g->value[V_POWER_DEFAULT_MW] = 700000;
        g->value[V_TEMPERATURE_C] = 35;
        g->value[V_MEMORY_TOTAL] = 85520809984ULL;
        g->value[V_MEMORY_USED] = 503316480ULL;
        g->value[V_MEMORY_FREE] = 85520809984ULL - 503316480ULL;
        g->value[V_CLOCK_SM] = 345;
        g->value[V_CLOCK_MEM] = 2619;
        g->value[V_PCIE_TX_KBS] = 1528;
        g->value[V_PCIE_RX_KBS] = 579;
        g->value[V_FAN_PERCENT] = 30;
        g->value[V_ENERGY_MJ] = 2294917;
        g->value[V_THROTTLE_REASONS] = 0x1;
        g->value[V_CC_MAJOR] = 9;
        g->value[V_CC_MINOR] = 0;
        g->value[V_PCIE_MAX_GEN] = 5;
        g->value[V_PCIE_MAX_WIDTH] = 16;
        g->value[V_ECC_MODE] = NVML_FEATURE_ENABLED;
        g->value[V_ECC_PENDING] = NVML_FEATURE_ENABLED;
    }
}

FAKE_EXPORT void fake_nvml_set_init_return(int rc) {
    init_return = (nvmlReturn_t) rc;
}

FAKE_EXPORT int fake_nvml_set_device_count(unsigned int count) {
    if (count > FAKE_MAX_GPUS) {
        return -1;
    }
    device_count = count;
    return 0;
}

/* Sets a numeric value by its name (VALUE_NAMES); -1 for an unknown name or index. */
FAKE_EXPORT int fake_nvml_set_value(unsigned int index, const char *name, unsigned long long value) {
    if (index >= FAKE_MAX_GPUS) {
        return -1;
    }
    for (int v = 0; v < V_COUNT; v++) {
        if (strcmp(VALUE_NAMES[v], name) == 0) {
            gpus[index].value[v] = value;
            return 0;
        }
    }
    return -1;
}

/* Sets "name", "uuid" or "vbios"; -1 for an unknown name or index. */
FAKE_EXPORT int fake_nvml_set_string(unsigned int index, const char *name, const char *value) {
    if (index >= FAKE_MAX_GPUS) {
        return -1;
    }
    struct nvmlDevice_st *g = &gpus[index];
    if (strcmp(name, "name") == 0) {
        copy_string(g->name, sizeof g->name, value);
    } else if (strcmp(name, "uuid") == 0) {
        copy_string(g->uuid, sizeof g->uuid, value);
    } else if (strcmp(name, "vbios") == 0) {
        copy_string(g->vbios, sizeof g->vbios, value);
    } else if (strcmp(name, "driver_version") == 0) {
        copy_string(driver_version, sizeof driver_version, value);
    } else {
        return -1;
    }
    return 0;
}

FAKE_EXPORT void fake_nvml_set_cuda_driver_version(int version) {
    cuda_driver_version = version;
}

/*
 * Makes `function` answer `rc` on device `index` (-1: a function that takes no device); rc 0
 * takes the script back. -1 when the table is full.
 */
FAKE_EXPORT int fake_nvml_set_return(int index, const char *function, int rc) {
    for (int i = 0; i < FAKE_MAX_SCRIPTED; i++) {
        struct scripted_return *s = &scripted[i];
        if (s->function[0] == '\0' || (s->device == index && strcmp(s->function, function) == 0)) {
            s->device = index;
            copy_string(s->function, sizeof s->function, function);
            s->rc = (nvmlReturn_t) rc;
            return 0;
        }
    }
    return -1;
}

FAKE_EXPORT void fake_nvml_lose_gpu(unsigned int index, int lost) {
    if (index < FAKE_MAX_GPUS) {
        gpus[index].lost = lost;
    }
}

/* Queues an XID event for device `index`; answers how many event sets it reached. */
FAKE_EXPORT int fake_nvml_push_xid(unsigned int index, unsigned long long xid) {
    int delivered = 0;
    if (index >= FAKE_MAX_GPUS) {
        return -1;
    }
    for (unsigned i = 0; i < FAKE_MAX_SETS; i++) {
        struct nvmlEventSet_st *s = &sets[i];
        if (s->in_use && (s->registered[index] & nvmlEventTypeXidCriticalError) && s->length < FAKE_MAX_QUEUED) {
            unsigned slot = (s->head + s->length) % FAKE_MAX_QUEUED;
            s->queued_device[slot] = index;
            s->queued_code[slot] = xid;
            s->length++;
            delivered++;
        }
    }
    return delivered;
}

FAKE_EXPORT int fake_nvml_init_count(void) {
    return init_count;
}

FAKE_EXPORT int fake_nvml_open_event_sets(void) {
    int open = 0;
    for (unsigned i = 0; i < FAKE_MAX_SETS; i++) {
        open += sets[i].in_use;
    }
    return open;
}

FAKE_EXPORT int fake_nvml_call_count(const char *function) {
    for (int i = 0; i < FAKE_MAX_COUNTED && calls[i].function[0] != '\0'; i++) {
        if (strcmp(calls[i].function, function) == 0) {
            return calls[i].count;
        }
    }
    return 0;
}

/* Loaded for the first time: start from the defaults. */
__attribute__((constructor)) static void fake_nvml_load(void) {
    fake_nvml_reset();
}
