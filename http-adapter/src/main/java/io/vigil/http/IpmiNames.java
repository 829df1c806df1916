package io.vigil.http;

import java.util.Set;

/**
 * The metric and label names the IPMI collector ({@code collectors-ipmi}) writes, which the
 * hardware endpoints read. Kept here because the collector's constants are package-private there.
 */
final class IpmiNames {
    static final String UP = "ipmi_up";
    static final String SENSOR = "sensor";
    static final String SENSOR_STATE = "ipmi_sensor_state";
    static final String PSU_REDUNDANCY = "ipmi_psu_redundancy_state";
    static final String POWER_TOTAL = "ipmi_power_total_watts";
    static final String POWER = "ipmi_power_watts";
    static final String TEMPERATURE = "ipmi_temperature_celsius";
    static final String FAN_RPM = "ipmi_fan_speed_rpm";
    static final String FAN_PERCENT = "ipmi_fan_speed_percent";
    static final String VOLTAGE = "ipmi_voltage_volts";
    static final String CURRENT = "ipmi_current_amperes";
    static final Set<String> READINGS = Set.of(POWER, TEMPERATURE, FAN_RPM, FAN_PERCENT, VOLTAGE, CURRENT);

    private IpmiNames() {
    }
}
