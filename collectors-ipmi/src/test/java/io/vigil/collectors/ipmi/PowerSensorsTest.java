package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class PowerSensorsTest {

    private static SensorReading watts(String name, double value, String type, String entity) {
        return new SensorReading(name, SensorState.NOMINAL, OptionalDouble.of(value), Unit.WATTS, type, entity, "");
    }

    private static SensorReading discrete(String name, String type, String entity, String event) {
        return new SensorReading(name, SensorState.NOMINAL, OptionalDouble.empty(), null, type, entity, event);
    }

    @Test
    void recognisesPsuPowerByNameTypeOrEntity() {
        assertThat(PowerSensors.isPsuPower(watts("PSU1 Power", 1, "", ""))).isTrue();
        assertThat(PowerSensors.isPsuPower(watts("PSU1_Power", 1, "", ""))).isTrue();
        assertThat(PowerSensors.isPsuPower(watts("PS2 Input Power", 1, "", ""))).isTrue();
        assertThat(PowerSensors.isPsuPower(watts("Power Supply 1", 1, "", ""))).isTrue();
        assertThat(PowerSensors.isPsuPower(watts("Input Power", 1, "Power Supply", ""))).isTrue();
        assertThat(PowerSensors.isPsuPower(watts("Input Power", 1, "", "10.2"))).isTrue();
        assertThat(PowerSensors.isPsuPower(watts("PS1 Output Power", 1, "Power Supply", ""))).as("output side").isFalse();
        assertThat(PowerSensors.isPsuPower(watts("Pwr Consumption", 1, "Current", "7.1"))).isFalse();
        assertThat(PowerSensors.isPsuPower(watts("CPU Power", 1, "", "3.1"))).isFalse();
        assertThat(PowerSensors.isPsuPower(new SensorReading("PSU1 Power", null, OptionalDouble.empty(), Unit.WATTS, "", "", "")))
                .as("no reading").isFalse();
    }

    @Test
    void totalPrefersDcmiThenAMeterThenThePsuSum() {
        List<SensorReading> readings = List.of(watts("PSU1 Power", 100, "", ""), watts("PSU2 Power", 90, "", ""),
                watts("Power Meter", 180, "Other Units Based Sensor", "7.1"), watts("CPU Power", 60, "", ""));

        assertThat(PowerSensors.total(readings, OptionalDouble.of(175)))
                .contains(new PowerSensors.Total(175, PowerSensors.Source.DCMI));
        assertThat(PowerSensors.total(readings, OptionalDouble.empty()))
                .contains(new PowerSensors.Total(180, PowerSensors.Source.METER));
        assertThat(PowerSensors.total(readings.subList(0, 2), OptionalDouble.empty()))
                .contains(new PowerSensors.Total(190, PowerSensors.Source.PSU_SUM));
        assertThat(PowerSensors.total(List.of(watts("CPU Power", 60, "", "")), OptionalDouble.empty())).isEmpty();
        assertThat(PowerSensors.Source.PSU_SUM.label()).isEqualTo("psu_sum");
    }

    @Test
    void mapsRedundancyEventsOfPowerSensors() {
        assertThat(PowerSensors.psuRedundancy(discrete("PS Redundancy", "", "7.1", "Fully Redundant"))).contains("redundant");
        assertThat(PowerSensors.psuRedundancy(discrete("PS Redundancy", "Power Unit", "", "Redundancy Lost"))).contains("lost");
        assertThat(PowerSensors.psuRedundancy(discrete("Power Supplies", "", "10.1", "Redundancy Degraded"))).contains("degraded");
        assertThat(PowerSensors.psuRedundancy(discrete("Redundancy", "", "19.1", "Redundancy Degraded from Fully Redundant")))
                .contains("degraded");
        assertThat(PowerSensors.psuRedundancy(discrete("PSU Redundancy", "", "", "Non-redundant:Sufficient Resources from Redundant")))
                .contains("lost");
        assertThat(PowerSensors.psuRedundancy(discrete("Fan Redundancy", "Fan", "7.1", "Fully Redundant"))).isEmpty();
        assertThat(PowerSensors.psuRedundancy(discrete("PS1 Status", "Power Supply", "10.1", "Presence detected"))).isEmpty();
    }
}
