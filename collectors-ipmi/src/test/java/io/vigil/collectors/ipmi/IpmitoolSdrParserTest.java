package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.vigil.collectors.ipmi.FreeIpmiCsvParserTest.named;
import static org.assertj.core.api.Assertions.assertThat;

class IpmitoolSdrParserTest {

    @Test
    void readsTheSimulatorsNominalSensors() {
        ParsedSensors parsed = IpmitoolSdrParser.parse(Fixtures.read("samples/sim/ipmitool-sdr-elist.txt"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).hasSize(10);
        SensorReading cpu = named(parsed, "CPU1 Temp");
        assertThat(cpu.state()).isEqualTo(SensorState.NOMINAL);
        assertThat(cpu.value()).hasValue(45.0);
        assertThat(cpu.unit()).isEqualTo(Unit.CELSIUS);
        assertThat(cpu.entity()).isEqualTo("3.1");
        assertThat(cpu.event()).isEmpty();
        assertThat(named(parsed, "PSU1 Power").unit()).isEqualTo(Unit.WATTS);
        assertThat(named(parsed, "PSU1 Power").entity()).isEqualTo("10.1");
        assertThat(named(parsed, "12V").value()).hasValue(12.06);
        assertThat(named(parsed, "12V").unit()).isEqualTo(Unit.VOLTS);
        assertThat(named(parsed, "FAN2").value()).hasValue(3150.0);
    }

    @Test
    void agreesWithFreeIpmiOnTheSameSimulatorState() {
        List<SensorReading> ipmitool = IpmitoolSdrParser.parse(
                Fixtures.read("samples/sim/ipmitool-sdr-elist-cpu1-hot-fan1-stopped.txt")).readings();
        List<SensorReading> freeipmi = FreeIpmiCsvParser.parse(
                Fixtures.read("samples/sim/ipmimonitoring-csv-cpu1-hot-fan1-stopped.txt")).readings();

        assertThat(ipmitool).extracting(SensorReading::name).isEqualTo(freeipmi.stream().map(SensorReading::name).collect(Collectors.toList()));
        assertThat(ipmitool).extracting(SensorReading::state).isEqualTo(freeipmi.stream().map(SensorReading::state).collect(Collectors.toList()));
        assertThat(ipmitool).extracting(SensorReading::value).isEqualTo(freeipmi.stream().map(SensorReading::value).collect(Collectors.toList()));
        assertThat(ipmitool).extracting(SensorReading::kind).isEqualTo(freeipmi.stream().map(SensorReading::kind).collect(Collectors.toList()));
        assertThat(named(IpmitoolSdrParser.parse(Fixtures.read("samples/sim/ipmitool-sdr-elist-cpu1-hot-fan1-stopped.txt")), "FAN1").state())
                .isEqualTo(SensorState.CRITICAL);
    }

    @Test
    void readsDellIdracOutput() {
        ParsedSensors parsed = IpmitoolSdrParser.parse(Fixtures.read("fixtures/dell-idrac-sdr-elist.txt"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).as("the management controller locator is no sensor").hasSize(21);
        SensorReading sel = named(parsed, "SEL");
        assertThat(sel.state()).isNull();
        assertThat(sel.value()).isEmpty();
        assertThat(sel.event()).isEmpty();
        assertThat(named(parsed, "Intrusion").state()).isEqualTo(SensorState.NOMINAL);
        assertThat(named(parsed, "Intrusion").event()).isEmpty();
        assertThat(named(parsed, "Fan2B").state()).isEqualTo(SensorState.CRITICAL);
        assertThat(named(parsed, "Fan2B").value()).hasValue(0.0);
        assertThat(named(parsed, "Exhaust Temp").state()).isEqualTo(SensorState.WARNING);
        assertThat(named(parsed, "Current 2").unit()).isEqualTo(Unit.AMPS);
        assertThat(named(parsed, "Current 2").value()).hasValue(0.40);
        assertThat(named(parsed, "Pwr Consumption").kind()).isEqualTo(SensorKind.POWER);
        assertThat(named(parsed, "PS Redundancy").event()).isEqualTo("Fully Redundant");
        assertThat(named(parsed, "PS Redundancy").value()).isEmpty();
        List<SensorReading> temps = parsed.readings().stream().filter(r -> r.name().equals("Temp")).collect(Collectors.toList());
        assertThat(temps).extracting(SensorReading::entity).containsExactly("3.1", "3.2", "3.3");
        assertThat(temps.get(2).state()).as("disabled: no judgement").isNull();
        assertThat(temps.get(2).value()).isEmpty();
        List<SensorReading> statuses = parsed.readings().stream().filter(r -> r.name().equals("Status")).collect(Collectors.toList());
        assertThat(statuses.get(1).event()).isEqualTo("Presence detected, Power Supply AC lost");
    }

    @Test
    void readsHpeIloOutputWithPowerAndPresenceInOneReading() {
        ParsedSensors parsed = IpmitoolSdrParser.parse(Fixtures.read("fixtures/hpe-ilo-sdr-elist.txt"));

        assertThat(parsed.problems()).isEmpty();
        SensorReading psu = named(parsed, "Power Supply 1");
        assertThat(psu.value()).hasValue(115.0);
        assertThat(psu.unit()).isEqualTo(Unit.WATTS);
        assertThat(psu.event()).isEqualTo("Presence detected");
        SensorReading fan = named(parsed, "Fan 2");
        assertThat(fan.unit()).isEqualTo(Unit.PERCENT);
        assertThat(fan.kind()).isEqualTo(SensorKind.FAN);
        assertThat(fan.value()).hasValue(22.35);
        assertThat(named(parsed, "04-P1 DIMM 1-6").value()).isEmpty();
        assertThat(named(parsed, "Power Supplies").event()).isEqualTo("Redundancy Degraded");
        assertThat(named(parsed, "UID Light").event()).isEmpty();
    }

    @Test
    void reportsGarbledLinesAndKeepsTheRest() {
        String output = "CPU1 Temp        | 01h | ok  |  3.1 | 45 degrees C\n"
                + "Unable to Get Channel Cipher Suites\n"
                + "CPU2 Temp        | 02h | hot |  3.1 | 47 degrees C\n"
                + "CPU3 Temp        | zz  | ok  |  3.1 | 47 degrees C\n"
                + "CPU4 Temp        | 04h | ok  |  three | 47 degrees C\n"
                + "                 | 05h | ok  |  3.1 | 47 degrees C\n"
                + "FAN1             | 06h | ok  | 29.1 | 3200 RPM | extra\n"
                + "FAN2             | 07h | ok  | 29.1 | 3150 RPM\n";

        ParsedSensors parsed = IpmitoolSdrParser.parse(output);

        assertThat(parsed.readings()).extracting(SensorReading::name).containsExactly("CPU1 Temp", "FAN2");
        assertThat(parsed.problems()).hasSize(6);
        assertThat(parsed.problems().get(0)).startsWith("line 2: expected 5 '|'-separated fields, found 1");
        assertThat(parsed.problems().get(1)).startsWith("line 3: unknown status 'hot'");
        assertThat(parsed.problems().get(2)).startsWith("line 4: sensor number is not hexadecimal");
        assertThat(parsed.problems().get(3)).startsWith("line 5: entity is not like '3.1'");
        assertThat(parsed.problems().get(4)).startsWith("line 6: sensor name is empty");
        assertThat(parsed.problems().get(5)).startsWith("line 7: expected 5 '|'-separated fields, found 6");
    }

    @Test
    void aNumberWithAnUnknownUnitIsKeptButPublishedUnderNoMetric() {
        SensorReading r = IpmitoolSdrParser.parse("Airflow          | 50h | ok  |  7.1 | 32 CFM").readings().get(0);

        assertThat(r.value()).hasValue(32.0);
        assertThat(r.unit()).isNull();
        assertThat(r.kind()).isEqualTo(SensorKind.OTHER);
    }
}
