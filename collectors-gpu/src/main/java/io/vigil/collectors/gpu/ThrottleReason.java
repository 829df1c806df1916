package io.vigil.collectors.gpu;

import java.util.EnumSet;
import java.util.Set;

/**
 * Why the GPU's clocks are held down: NVML's {@code nvmlClocksThrottleReason*} bits. Each is
 * reported as {@code gpu_throttle_reason{reason="<label>"}} 0 or 1.
 */
public enum ThrottleReason {
    /** Nothing runs; the clocks drop to idle. The normal state of an idle GPU. */
    GPU_IDLE(0x1L, "gpu_idle"),
    /** Application clocks are set below the maximum. */
    APPLICATIONS_CLOCKS_SETTING(0x2L, "applications_clocks_setting"),
    /** The software power cap (the power limit) holds the clocks down. */
    SW_POWER_CAP(0x4L, "sw_power_cap"),
    /** Hardware slowdown (temperature, power brake or external power): clocks at half or less. */
    HW_SLOWDOWN(0x8L, "hw_slowdown"),
    /** Held to the clocks of the other GPUs in its sync-boost group. */
    SYNC_BOOST(0x10L, "sync_boost"),
    /** Software thermal slowdown: the GPU or memory is too hot. */
    SW_THERMAL_SLOWDOWN(0x20L, "sw_thermal_slowdown"),
    /** Hardware thermal slowdown: the GPU is far too hot. */
    HW_THERMAL_SLOWDOWN(0x40L, "hw_thermal_slowdown"),
    /** Hardware power brake: the system's power supply asked for a slowdown. */
    HW_POWER_BRAKE_SLOWDOWN(0x80L, "hw_power_brake_slowdown"),
    /** Held by the display clock setting. */
    DISPLAY_CLOCK_SETTING(0x100L, "display_clock_setting");

    private static final ThrottleReason[] ALL = values();

    private final long bit;
    private final String label;

    ThrottleReason(long bit, String label) {
        this.bit = bit;
        this.label = label;
    }

    /** The NVML bit. */
    public long bit() {
        return bit;
    }

    /** The value of the {@code reason} label. */
    public String label() {
        return label;
    }

    public boolean isActiveIn(long mask) {
        return (mask & bit) != 0;
    }

    /** The known reasons set in {@code mask}; unknown bits are ignored (the mask metric keeps them). */
    public static Set<ThrottleReason> decode(long mask) {
        Set<ThrottleReason> active = EnumSet.noneOf(ThrottleReason.class);
        for (ThrottleReason reason : ALL) {
            if (reason.isActiveIn(mask)) {
                active.add(reason);
            }
        }
        return active;
    }
}
