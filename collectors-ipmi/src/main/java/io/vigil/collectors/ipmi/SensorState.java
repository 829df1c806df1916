package io.vigil.collectors.ipmi;

import java.util.Locale;

/** How a BMC judges a sensor; published as the string state of {@code ipmi_sensor_state}. */
enum SensorState {
    NOMINAL,
    WARNING,
    CRITICAL;

    /** The state as published: {@code nominal}, {@code warning} or {@code critical}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more severe of two states; {@code null} counts as unknown and loses to any state. */
    static SensorState worse(SensorState a, SensorState b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
