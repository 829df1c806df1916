package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampleWriterTest {
    private static final Labels LABELS = Labels.of("host", "vigil-1", "node", "worker1", "bmc", "10.0.0.21");

    private static RecordingSink write(ParsedSensors parsed, OptionalDouble dcmi) {
        RecordingSink sink = new RecordingSink();
        SampleWriter.write(new TargetReport(true, null, parsed.readings(), parsed.problems(), dcmi, null), LABELS, sink);
        return sink;
    }

    @Test
    void writesEverySensorOfTheHotSimulatorWithItsStateAndTheNodesTotal() {
        RecordingSink sink = write(FreeIpmiCsvParser.parse(Fixtures.read("samples/sim/ipmimonitoring-csv-cpu1-hot-fan1-stopped.txt")),
                OptionalDouble.empty());

        assertThat(sink.value("ipmi_up", "node", "worker1")).isEqualTo(1.0);
        assertThat(sink.value("ipmi_temperature_celsius", "sensor", "CPU1 Temp")).isEqualTo(95.0);
        assertThat(sink.state("ipmi_sensor_state", "sensor", "CPU1 Temp")).isEqualTo("critical");
        assertThat(sink.value("ipmi_fan_speed_rpm", "sensor", "FAN1")).isEqualTo(0.0);
        assertThat(sink.state("ipmi_sensor_state", "sensor", "FAN1")).isEqualTo("critical");
        assertThat(sink.state("ipmi_sensor_state", "sensor", "FAN2")).isEqualTo("nominal");
        assertThat(sink.value("ipmi_power_watts", "sensor", "PSU1 Power")).isEqualTo(144.0);
        assertThat(sink.value("ipmi_voltage_volts", "sensor", "3.3V")).isEqualTo(3.30);
        assertThat(sink.value("ipmi_power_total_watts", "source", "psu_sum")).isEqualTo(284.0);
        assertThat(sink.find("ipmi_current_amperes")).isEmpty();
        assertThat(sink.find("ipmi_psu_redundancy_state")).isEmpty();

        Sample state = sink.find("ipmi_sensor_state", "sensor", "CPU1 Temp").get(0);
        assertThat(state.labels()).isEqualTo(LABELS.with("sensor", "CPU1 Temp").with("type", "temperature"));
        assertThat(state.isNumeric()).isFalse();
        Sample temperature = sink.find("ipmi_temperature_celsius", "sensor", "CPU1 Temp").get(0);
        assertThat(temperature.labels()).isEqualTo(LABELS.with("sensor", "CPU1 Temp"));
        // 10 readings, 10 states, ipmi_up and the total
        assertThat(sink.samples()).hasSize(22);
    }

    @Test
    void dellDuplicateNamesMetersCurrentsAndRedundancy() {
        RecordingSink sink = write(IpmitoolSdrParser.parse(Fixtures.read("fixtures/dell-idrac-sdr-elist.txt")), OptionalDouble.empty());

        assertThat(sink.value("ipmi_temperature_celsius", "sensor", "Temp")).isEqualTo(47.0);
        assertThat(sink.value("ipmi_temperature_celsius", "sensor", "Temp #2")).isEqualTo(44.0);
        assertThat(sink.find("ipmi_temperature_celsius", "sensor", "Temp #3")).as("disabled: no reading").isEmpty();
        assertThat(sink.find("ipmi_sensor_state", "sensor", "Temp #3")).as("disabled: no judgement").isEmpty();
        assertThat(sink.value("ipmi_current_amperes", "sensor", "Current 1")).isEqualTo(0.60);
        assertThat(sink.value("ipmi_voltage_volts", "sensor", "Voltage 2")).isEqualTo(230.0);
        assertThat(sink.value("ipmi_power_watts", "sensor", "Pwr Consumption")).isEqualTo(224.0);
        assertThat(sink.value("ipmi_power_total_watts", "source", "meter")).isEqualTo(224.0);
        assertThat(sink.state("ipmi_psu_redundancy_state", "sensor", "PS Redundancy")).isEqualTo("redundant");
        assertThat(sink.find("ipmi_psu_redundancy_state")).as("fan redundancy is not about PSUs").hasSize(1);
        assertThat(sink.state("ipmi_sensor_state", "sensor", "Status #2")).isEqualTo("nominal");
        assertThat(sink.state("ipmi_sensor_state", "sensor", "PS Redundancy", "type", "other")).isEqualTo("nominal");
        assertThat(sink.state("ipmi_sensor_state", "sensor", "Fan2B", "type", "fan")).isEqualTo("critical");
        assertThat(sink.find("ipmi_sensor_state", "sensor", "SEL")).isEmpty();
        assertThat(sink.find("ipmi_sensor_state", "sensor", "iDRAC")).isEmpty();
    }

    @Test
    void hpeFansInPercentAndDegradedPowerRedundancy() {
        RecordingSink sink = write(FreeIpmiCsvParser.parse(Fixtures.read("fixtures/hpe-ilo-ipmimonitoring.csv")), OptionalDouble.empty());

        assertThat(sink.value("ipmi_fan_speed_percent", "sensor", "Fan 1")).isEqualTo(18.82);
        assertThat(sink.find("ipmi_fan_speed_rpm")).isEmpty();
        assertThat(sink.state("ipmi_sensor_state", "sensor", "Fan 1")).isEqualTo("nominal");
        assertThat(sink.find("ipmi_sensor_state", "sensor", "Fan 1").get(0).labels().get("type")).isEqualTo("fan");
        assertThat(sink.value("ipmi_power_total_watts", "source", "meter")).isEqualTo(230.0);
        assertThat(sink.state("ipmi_psu_redundancy_state", "sensor", "Power Supplies")).isEqualTo("degraded");
        assertThat(sink.state("ipmi_sensor_state", "sensor", "Power Supplies")).isEqualTo("warning");
        assertThat(sink.find("ipmi_temperature_celsius", "sensor", "04-P1 DIMM 1-6")).isEmpty();
    }

    @Test
    void supermicroFahrenheitBecomesCelsiusAndUnreadableFansAreAbsent() {
        RecordingSink sink = write(FreeIpmiCsvParser.parse(Fixtures.read("fixtures/supermicro-ipmi-sensors.csv")), OptionalDouble.empty());

        assertThat(sink.value("ipmi_temperature_celsius", "sensor", "Inlet Temp F")).isCloseTo(24.0, within(1e-9));
        assertThat(sink.find("ipmi_fan_speed_rpm", "sensor", "FAN2")).as("N/A is absent, never zero").isEmpty();
        assertThat(sink.find("ipmi_sensor_state", "sensor", "FAN2")).isEmpty();
        assertThat(sink.value("ipmi_power_total_watts", "source", "psu_sum")).isEqualTo(356.0);
        assertThat(sink.state("ipmi_psu_redundancy_state", "sensor", "PS Redundancy")).isEqualTo("lost");
        assertThat(sink.state("ipmi_sensor_state", "sensor", "PS2 Status")).isEqualTo("critical");
    }

    @Test
    void dcmiPowerIsTheTotalWhenGiven() {
        RecordingSink sink = write(FreeIpmiCsvParser.parse(Fixtures.read("samples/sim/ipmi-sensors-csv.txt")), OptionalDouble.of(301.0));

        assertThat(sink.find("ipmi_power_total_watts")).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(301.0);
            assertThat(s.labels().get("source")).isEqualTo("dcmi");
        });
    }

    @Test
    void aDownTargetWritesOnlyItsUpZero() {
        RecordingSink sink = new RecordingSink();

        SampleWriter.write(TargetReport.down("connection timeout"), LABELS, sink);

        assertThat(sink.samples()).singleElement().satisfies(s -> {
            assertThat(s.metric()).isEqualTo("ipmi_up");
            assertThat(s.value()).isEqualTo(0.0);
            assertThat(s.labels()).isEqualTo(LABELS);
        });
    }

    @Test
    void aBmcWithoutSensorsIsStillUp() {
        RecordingSink sink = new RecordingSink();

        SampleWriter.write(new TargetReport(true, null, List.of(), List.of(), OptionalDouble.empty(), null), LABELS, sink);

        assertThat(sink.samples()).extracting(Sample::metric).containsExactly("ipmi_up");
        assertThat(sink.value("ipmi_up")).isEqualTo(1.0);
    }
}
