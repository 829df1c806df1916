package io.vigil.collectors.ipmi;

import java.util.Locale;

/**
 * What a sensor measures, decided by its unit alone so that FreeIPMI and ipmitool agree: ipmitool
 * prints no sensor type, and BMCs file sensors under surprising types (Dell's "Pwr Consumption" is
 * a Current sensor read in Watts). A percentage counts as a fan speed only when the sensor calls
 * itself a fan (HPE iLO reports fans in percent).
 */
enum SensorKind {
    TEMPERATURE("ipmi_temperature_celsius"),
    FAN("ipmi_fan_speed_rpm"),
    POWER("ipmi_power_watts"),
    VOLTAGE("ipmi_voltage_volts"),
    CURRENT("ipmi_current_amperes"),
    OTHER(null);

    /** The metric of a fan read in percent rather than RPM. */
    static final String FAN_PERCENT_METRIC = "ipmi_fan_speed_percent";

    private final String metric;

    SensorKind(String metric) {
        this.metric = metric;
    }

    /** The value of the {@code type} label of {@code ipmi_sensor_state}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SensorKind of(Unit unit, String name, String type) {
        if (unit == null) {
            return OTHER;
        }
        switch (unit) {
            case CELSIUS:
            case FAHRENHEIT:
                return TEMPERATURE;
            case RPM:
                return FAN;
            case WATTS:
                return POWER;
            case VOLTS:
                return VOLTAGE;
            case AMPS:
                return CURRENT;
            case PERCENT:
                return mentionsFan(name) || mentionsFan(type) ? FAN : OTHER;
            default:
                return OTHER;
        }
    }

    /** The metric a reading in {@code unit} is published under, or {@code null} for none. */
    String metricFor(Unit unit) {
        if (this == FAN && unit == Unit.PERCENT) {
            return FAN_PERCENT_METRIC;
        }
        return metric;
    }

    private static boolean mentionsFan(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("fan");
    }
}
