package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FreeIpmiCsvParserTest {

    static SensorReading named(ParsedSensors parsed, String name) {
        List<SensorReading> found = parsed.readings().stream().filter(r -> r.name().equals(name)).collect(Collectors.toList());
        assertThat(found).as("readings named %s", name).hasSize(1);
        return found.get(0);
    }

    @Test
    void readsTheSimulatorsNominalSensors() {
        ParsedSensors parsed = FreeIpmiCsvParser.parse(Fixtures.read("samples/sim/ipmi-sensors-csv.txt"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).hasSize(10);
        SensorReading cpu = named(parsed, "CPU1 Temp");
        assertThat(cpu.state()).isEqualTo(SensorState.NOMINAL);
        assertThat(cpu.value()).hasValue(45.0);
        assertThat(cpu.unit()).isEqualTo(Unit.CELSIUS);
        assertThat(cpu.kind()).isEqualTo(SensorKind.TEMPERATURE);
        assertThat(cpu.type()).isEqualTo("Temperature");
        assertThat(cpu.event()).isEqualTo("OK");
        assertThat(named(parsed, "FAN1").value()).hasValue(3200.0);
        assertThat(named(parsed, "FAN1").kind()).isEqualTo(SensorKind.FAN);
        assertThat(named(parsed, "PSU2 Power").value()).hasValue(140.0);
        assertThat(named(parsed, "PSU2 Power").kind()).isEqualTo(SensorKind.POWER);
        assertThat(named(parsed, "3.3V").value()).hasValue(3.30);
        assertThat(named(parsed, "3.3V").kind()).isEqualTo(SensorKind.VOLTAGE);
    }

    @Test
    void ipmimonitoringPrintsTheSameFormat() {
        assertThat(FreeIpmiCsvParser.parse(Fixtures.read("samples/sim/ipmimonitoring-csv.txt")))
                .isEqualTo(FreeIpmiCsvParser.parse(Fixtures.read("samples/sim/ipmi-sensors-csv.txt")));
    }

    @Test
    void readsCriticalStatesOfTheHotCpuAndTheStoppedFan() {
        ParsedSensors parsed = FreeIpmiCsvParser.parse(Fixtures.read("samples/sim/ipmimonitoring-csv-cpu1-hot-fan1-stopped.txt"));

        assertThat(parsed.problems()).isEmpty();
        SensorReading cpu = named(parsed, "CPU1 Temp");
        assertThat(cpu.state()).isEqualTo(SensorState.CRITICAL);
        assertThat(cpu.value()).hasValue(95.0);
        assertThat(cpu.event()).isEqualTo("At or Above (>=) Upper Critical Threshold");
        SensorReading fan = named(parsed, "FAN1");
        assertThat(fan.state()).isEqualTo(SensorState.CRITICAL);
        assertThat(fan.value()).as("a stopped fan reads zero: a real reading, not N/A").hasValue(0.0);
        assertThat(named(parsed, "CPU2 Temp").state()).isEqualTo(SensorState.NOMINAL);
    }

    @Test
    void raisesACrossedNonCriticalThresholdToWarning() {
        // FreeIPMI's default interpretation calls this Nominal; ipmitool calls it "unc".
        ParsedSensors parsed = FreeIpmiCsvParser.parse(
                "1,CPU1 Temp,Temperature,Nominal,85.00,C,'At or Above (>=) Upper Non-Critical Threshold'\n"
                + "2,FAN3,Fan,Nominal,600.00,RPM,'At or Below (<=) Lower Non-Critical Threshold'\n"
                + "3,12V,Voltage,Warning,13.50,V,'At or Above (>=) Upper Non-Recoverable Threshold'\n");

        assertThat(parsed.readings()).extracting(SensorReading::state)
                .containsExactly(SensorState.WARNING, SensorState.WARNING, SensorState.CRITICAL);
    }

    @Test
    void readsDellIdracOutput() {
        ParsedSensors parsed = FreeIpmiCsvParser.parse(Fixtures.read("fixtures/dell-idrac-ipmi-sensors.csv"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).hasSize(21);
        SensorReading sel = named(parsed, "SEL");
        assertThat(sel.state()).isNull();
        assertThat(sel.value()).isEmpty();
        // Dell files its power meter as a Current sensor read in Watts: the unit decides.
        SensorReading power = named(parsed, "Pwr Consumption");
        assertThat(power.type()).isEqualTo("Current");
        assertThat(power.kind()).isEqualTo(SensorKind.POWER);
        assertThat(power.value()).hasValue(224.0);
        assertThat(named(parsed, "Current 1").kind()).isEqualTo(SensorKind.CURRENT);
        assertThat(named(parsed, "Current 1").value()).hasValue(0.60);
        assertThat(named(parsed, "Exhaust Temp").state()).isEqualTo(SensorState.WARNING);
        SensorReading redundancy = named(parsed, "PS Redundancy");
        assertThat(redundancy.value()).as("N/A is absent, never zero").isEmpty();
        assertThat(redundancy.unit()).isNull();
        assertThat(redundancy.kind()).isEqualTo(SensorKind.OTHER);
        assertThat(redundancy.event()).isEqualTo("Fully Redundant");
        List<SensorReading> temps = parsed.readings().stream().filter(r -> r.name().equals("Temp")).collect(Collectors.toList());
        assertThat(temps).hasSize(3);
        assertThat(temps.get(2).state()).isNull();
        assertThat(temps.get(2).value()).isEmpty();
        List<SensorReading> statuses = parsed.readings().stream().filter(r -> r.name().equals("Status")).collect(Collectors.toList());
        assertThat(statuses.get(1).event()).isEqualTo("Presence detected, Power Supply input lost (AC/DC)");
        assertThat(statuses.get(1).state()).isEqualTo(SensorState.CRITICAL);
    }

    @Test
    void readsHpeIloOutputWithAHeaderAndFansInPercent() {
        ParsedSensors parsed = FreeIpmiCsvParser.parse(Fixtures.read("fixtures/hpe-ilo-ipmimonitoring.csv"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.readings()).hasSize(12);
        SensorReading fan = named(parsed, "Fan 1");
        assertThat(fan.unit()).isEqualTo(Unit.PERCENT);
        assertThat(fan.kind()).isEqualTo(SensorKind.FAN);
        assertThat(fan.value()).hasValue(18.82);
        assertThat(named(parsed, "Power Supplies").state()).isEqualTo(SensorState.WARNING);
        assertThat(named(parsed, "Power Supplies").event()).isEqualTo("Redundancy Degraded");
        assertThat(named(parsed, "UID Light").state()).isNull();
    }

    @Test
    void readsSupermicroOutputWithFahrenheitAndUnreadableFans() {
        ParsedSensors parsed = FreeIpmiCsvParser.parse(Fixtures.read("fixtures/supermicro-ipmi-sensors.csv"));

        assertThat(parsed.problems()).isEmpty();
        SensorReading inlet = named(parsed, "Inlet Temp F");
        assertThat(inlet.unit()).isEqualTo(Unit.FAHRENHEIT);
        assertThat(inlet.kind()).isEqualTo(SensorKind.TEMPERATURE);
        assertThat(inlet.unit().toPublished(inlet.value().getAsDouble())).isCloseTo(24.0, org.assertj.core.data.Offset.offset(1e-9));
        SensorReading fan2 = named(parsed, "FAN2");
        assertThat(fan2.value()).isEmpty();
        assertThat(fan2.state()).isNull();
        assertThat(named(parsed, "FAN3").state()).isEqualTo(SensorState.WARNING);
        assertThat(named(parsed, "PS Redundancy").state()).isEqualTo(SensorState.CRITICAL);
        assertThat(named(parsed, "PS Redundancy").type()).isEqualTo("Power Unit");
    }

    @Test
    void reportsGarbledLinesAndKeepsTheRest() {
        String output = "1,CPU1 Temp,Temperature,Nominal,45.00,C,'OK'\n"
                + "this is not csv\n"
                + "2,CPU2 Temp,Temperature,Hot,47.00,C,'OK'\n"
                + "3,CPU3 Temp,Temperature,Nominal,warm,C,'OK'\n"
                + "x,CPU4 Temp,Temperature,Nominal,47.00,C,'OK'\n"
                + "5,,Temperature,Nominal,47.00,C,'OK'\n"
                + "6,CPU6 Temp,Temperature,Nominal,NaN,C,'OK'\n"
                + "7,CPU7 Temp,Temperature,Nominal,47.00,C,OK\n"
                + "8,FAN1,Fan,Nominal,3200.00,RPM,'OK'\n";

        ParsedSensors parsed = FreeIpmiCsvParser.parse(output);

        assertThat(parsed.readings()).extracting(SensorReading::name).containsExactly("CPU1 Temp", "FAN1");
        assertThat(parsed.problems()).hasSize(7);
        assertThat(parsed.problems().get(0)).isEqualTo("line 2: expected 7 comma-separated fields, found 1: 'this is not csv'");
        assertThat(parsed.problems().get(1)).startsWith("line 3: unknown sensor state 'Hot'");
        assertThat(parsed.problems().get(2)).startsWith("line 4: reading is neither a number nor N/A");
        assertThat(parsed.problems().get(3)).startsWith("line 5: record id is not a number");
        assertThat(parsed.problems().get(4)).startsWith("line 6: sensor name is empty");
        assertThat(parsed.problems().get(5)).as("NaN is no reading").startsWith("line 7: reading is neither");
        assertThat(parsed.problems().get(6)).startsWith("line 8: event is not quoted");
    }

    @Test
    void emptyOutputHasNoSensorsAndNoProblems() {
        assertThat(FreeIpmiCsvParser.parse("")).isEqualTo(new ParsedSensors(List.of(), List.of()));
        assertThat(FreeIpmiCsvParser.parse("\n\r\n  \n")).isEqualTo(new ParsedSensors(List.of(), List.of()));
        assertThat(FreeIpmiCsvParser.parse(null)).isEqualTo(new ParsedSensors(List.of(), List.of()));
    }

    @Test
    void quotesBadLinesSafely() {
        String line = "\u001b[31m" + "x".repeat(500);
        ParsedSensors parsed = FreeIpmiCsvParser.parse(line);

        assertThat(parsed.problems()).hasSize(1);
        String problem = parsed.problems().get(0);
        assertThat(problem).doesNotContain("\u001b").endsWith("...'");
        assertThat(problem.length()).isLessThan(200);
    }

    @Test
    void refusesOverlongLinesWithoutReadingThem() {
        ParsedSensors parsed = FreeIpmiCsvParser.parse("1,CPU1 Temp,Temperature,Nominal,45.00,C,'" + "O".repeat(5000) + "'");

        assertThat(parsed.readings()).isEmpty();
        assertThat(parsed.problems()).singleElement().asString().startsWith("line 1: line longer than 1024 characters");
    }
}
