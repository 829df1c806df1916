package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.vigil.collectors.ipmi.FreeIpmiCsvParserTest.named;
import static org.assertj.core.api.Assertions.assertThat;

class IpmitoolSensorParserTest {

    @Test
    void readsTheSimulatorsSensorsAndThresholds() {
        ParsedSensors parsed = IpmitoolSensorParser.parse(Fixtures.read("samples/sim/ipmitool-sensor.txt"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).hasSize(10);
        List<SensorReading> viaSdr = IpmitoolSdrParser.parse(Fixtures.read("samples/sim/ipmitool-sdr-elist.txt")).readings();
        assertThat(parsed.readings()).extracting(SensorReading::name)
                .isEqualTo(viaSdr.stream().map(SensorReading::name).collect(Collectors.toList()));
        assertThat(parsed.readings()).extracting(SensorReading::value)
                .isEqualTo(viaSdr.stream().map(SensorReading::value).collect(Collectors.toList()));
        assertThat(parsed.readings()).extracting(SensorReading::unit)
                .isEqualTo(viaSdr.stream().map(SensorReading::unit).collect(Collectors.toList()));
        assertThat(parsed.readings()).allSatisfy(r -> assertThat(r.state()).isEqualTo(SensorState.NOMINAL));
    }

    @Test
    void readsSupermicroOutput() {
        ParsedSensors parsed = IpmitoolSensorParser.parse(Fixtures.read("fixtures/supermicro-ipmitool-sensor.txt"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).as("discrete sensors (raw bits) are left out").hasSize(12);
        SensorReading fan2 = named(parsed, "FAN2");
        assertThat(fan2.value()).as("na is absent, never zero").isEmpty();
        assertThat(fan2.state()).isNull();
        assertThat(named(parsed, "FAN3").state()).isEqualTo(SensorState.WARNING);
        assertThat(named(parsed, "Inlet Temp F").unit()).isEqualTo(Unit.FAHRENHEIT);
        assertThat(named(parsed, "VCCP").value()).hasValue(0.872);
        assertThat(named(parsed, "PS1 Input Power").kind()).isEqualTo(SensorKind.POWER);
        assertThat(named(parsed, "PS1 Curr Out %").unit()).as("'unspecified' is no unit of ours").isNull();
        assertThat(named(parsed, "PS1 Curr Out %").kind()).isEqualTo(SensorKind.OTHER);
    }

    @Test
    void reportsGarbledLines() {
        String output = "CPU Temp         | 38.000     | degrees C  | ok    | 0.000     | 0.000     | 0.000     | 95.000    | 100.000   | 100.000\n"
                + "CPU Temp         | 38.000     | degrees C  | ok    | 0.000\n"
                + "CPU Temp         | hot        | degrees C  | ok    | na        | na        | na        | na        | na        | na\n"
                + "CPU Temp         | 38.000     | degrees C  | ok    | na        | na        | na        | lots      | na        | na\n"
                + "CPU Temp         | 38.000     | degrees C  | fine  | na        | na        | na        | na        | na        | na\n"
                + "PS Status        | 0x1        | discrete   | maybe | na        | na        | na        | na        | na        | na\n";

        ParsedSensors parsed = IpmitoolSensorParser.parse(output);

        assertThat(parsed.readings()).hasSize(1);
        assertThat(parsed.problems()).hasSize(5);
        assertThat(parsed.problems().get(0)).startsWith("line 2: expected 10 '|'-separated fields, found 5");
        assertThat(parsed.problems().get(1)).startsWith("line 3: reading is neither a number nor na");
        assertThat(parsed.problems().get(2)).startsWith("line 4: threshold 4 is neither a number nor na");
        assertThat(parsed.problems().get(3)).startsWith("line 5: unknown status 'fine'");
        assertThat(parsed.problems().get(4)).startsWith("line 6: discrete sensor without raw state bits");
    }
}
