package io.vigil.collectors.ipmi;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sensor as a tool printed it, after parsing: the same shape whichever tool read it.
 *
 * @param name   the sensor's name from the SDR, trimmed
 * @param state  the BMC's judgement, or {@code null} when the tool gave none ("ns", "N/A", a
 *               discrete sensor's raw bits)
 * @param value  the numeric reading in {@code unit}; empty for "N/A", "na", "No Reading",
 *               "Disabled" and discrete sensors: never a made-up zero
 * @param unit   the reading's unit, or {@code null} when it is none Vigil publishes
 * @param type   the sensor type FreeIPMI prints ({@code Temperature}, {@code Power Supply});
 *               empty for ipmitool, which prints none
 * @param entity the IPMI entity ipmitool prints ({@code 10.1} is power supply 1); empty for FreeIPMI
 * @param event  the discrete state text ({@code Fully Redundant}, {@code Presence detected}) or
 *               threshold event; empty when none
 */
record SensorReading(String name, SensorState state, OptionalDouble value, Unit unit, String type,
                     String entity, String event) {

    SensorReading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        type = type == null ? "" : type;
        entity = entity == null ? "" : entity;
        event = event == null ? "" : event;
    }

    SensorKind kind() {
        return SensorKind.of(unit, name, type);
    }
}
