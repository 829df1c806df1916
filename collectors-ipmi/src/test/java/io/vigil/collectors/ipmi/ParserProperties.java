package io.vigil.collectors.ipmi;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a tool prints, the parsers return readings and problems and never throw. */
class ParserProperties {

    /** Captured outputs (simulator) and fixtures, by the parser that reads them. */
    private static final List<String> FREEIPMI = List.of("samples/sim/ipmi-sensors-csv.txt",
            "samples/sim/ipmimonitoring-csv-cpu1-hot-fan1-stopped.txt", "fixtures/dell-idrac-ipmi-sensors.csv",
            "fixtures/hpe-ilo-ipmimonitoring.csv", "fixtures/supermicro-ipmi-sensors.csv");
    private static final List<String> SDR = List.of("samples/sim/ipmitool-sdr-elist.txt",
            "samples/sim/ipmitool-sdr-elist-cpu1-hot-fan1-stopped.txt", "fixtures/dell-idrac-sdr-elist.txt",
            "fixtures/hpe-ilo-sdr-elist.txt");
    private static final List<String> SENSOR = List.of("samples/sim/ipmitool-sensor.txt", "fixtures/supermicro-ipmitool-sensor.txt");
    private static final List<String> DCMI = List.of("fixtures/freeipmi-dcmi-active.txt", "fixtures/ipmitool-dcmi-active.txt",
            "fixtures/ipmitool-dcmi-deactivated.txt");

    private static final List<Function<String, ParsedSensors>> PARSERS = List.of(
            FreeIpmiCsvParser::parse, IpmitoolSdrParser::parse, IpmitoolSensorParser::parse);

    @Property(tries = 300)
    void garbageNeverThrows(@ForAll("garbage") String output) {
        for (Function<String, ParsedSensors> parser : PARSERS) {
            checkWellFormed(output, parser.apply(output));
        }
        DcmiOutcome dcmi = DcmiParser.judge(0, output, output);
        assertThat(dcmi).isNotNull();
        if (dcmi instanceof DcmiOutcome.Reading reading) {
            assertThat(reading.watts()).isFinite();
        }
        assertThat(DcmiParser.judge(1, output, output)).isNotNull();
    }

    @Property(tries = 300)
    void mutatedRealLinesNeverThrow(@ForAll("mutatedFreeIpmi") String freeipmi, @ForAll("mutatedSdr") String sdr,
                                    @ForAll("mutatedSensor") String sensor, @ForAll("mutatedDcmi") String dcmi) {
        checkWellFormed(freeipmi, FreeIpmiCsvParser.parse(freeipmi));
        checkWellFormed(sdr, IpmitoolSdrParser.parse(sdr));
        checkWellFormed(sensor, IpmitoolSensorParser.parse(sensor));
        assertThat(DcmiParser.judge(0, dcmi, "")).isNotNull();
    }

    /** A garbled line costs that line only: the other sensors read as before, and the line is reported. */
    @Property(tries = 300)
    void aGarbledLineCostsOnlyItself(@ForAll("lineWithoutSeparators") String garbage, @ForAll @IntRange(max = 1000) int where) {
        check(FREEIPMI, FreeIpmiCsvParser::parse, garbage, where);
        check(SDR, IpmitoolSdrParser::parse, garbage, where);
        check(SENSOR, IpmitoolSensorParser::parse, garbage, where);
    }

    private static void check(List<String> resources, Function<String, ParsedSensors> parser, String garbage, int where) {
        String output = Fixtures.read(resources.get(where % resources.size()));
        List<String> lines = new ArrayList<>(output.lines().collect(Collectors.toList()));
        lines.add(where % (lines.size() + 1), garbage);
        ParsedSensors clean = parser.apply(output);
        ParsedSensors dirty = parser.apply(String.join("\n", lines));

        assertThat(dirty.readings()).isEqualTo(clean.readings());
        assertThat(dirty.problems()).hasSize(clean.problems().size() + 1);
    }

    private static void checkWellFormed(String output, ParsedSensors parsed) {
        long lines = ParseSupport.lines(output).stream().filter(l -> !l.isBlank()).count();
        assertThat((long) parsed.readings().size() + parsed.problems().size()).isLessThanOrEqualTo(lines);
        for (SensorReading r : parsed.readings()) {
            assertThat(r.name()).isNotBlank();
            r.value().ifPresent(v -> assertThat(v).isFinite());
        }
        for (String problem : parsed.problems()) {
            assertThat(problem).startsWith("line ").hasSizeLessThan(300);
            assertThat(problem.chars().noneMatch(Character::isISOControl)).as("control characters in %s", problem).isTrue();
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> tricky = Arbitraries.strings().withChars(",|'\" \t\r\n0123456789.-+eExNA/hCWV%").ofMaxLength(300);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> longLines = Arbitraries.strings().withChars("1 ,|'.").ofMinLength(1000).ofMaxLength(3000);
        return Arbitraries.oneOf(tricky, anything, longLines);
    }

    @Provide
    Arbitrary<String> lineWithoutSeparators() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200)
                .filter(s -> s.chars().noneMatch(c -> c == ',' || c == '|' || c == '\n' || c == '\r'
                        || c == '\u000b' || c == '\u000c' || c == '\u0085' || c == '\u2028' || c == '\u2029'))
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> mutatedFreeIpmi() {
        return mutated(FREEIPMI);
    }

    @Provide
    Arbitrary<String> mutatedSdr() {
        return mutated(SDR);
    }

    @Provide
    Arbitrary<String> mutatedSensor() {
        return mutated(SENSOR);
    }

    @Provide
    Arbitrary<String> mutatedDcmi() {
        return mutated(DCMI);
    }

    /** A real output with a few of its lines mutated: characters dropped, inserted or replaced, fields duplicated, lines cut. */
    private static Arbitrary<String> mutated(List<String> resources) {
        Arbitrary<String> output = Arbitraries.of(resources).map(Fixtures::read);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(output, mutations).as((text, list) -> {
            List<String> lines = new ArrayList<>(text.lines().collect(Collectors.toList()));
            for (Mutation m : list) {
                int i = Math.floorMod(m.line, lines.size());
                lines.set(i, m.apply(lines.get(i)));
            }
            return String.join("\n", lines);
        });
    }

    private record Mutation(int kind, int line, int at, char c) {
        String apply(String s) {
            int p = s.isEmpty() ? 0 : Math.floorMod(at, s.length());
            switch (kind) {
                case 0: return s.isEmpty() ? s : s.substring(0, p) + s.substring(p + 1);
                case 1: return s.substring(0, p) + c + s.substring(p);
                case 2: return s.isEmpty() ? s : s.substring(0, p) + c + s.substring(p + 1);
                case 3: return s.substring(0, p);
                case 4: return s + (s.contains("|") ? "|" : ",") + s;
                default: return s.replace(s.isEmpty() ? "x" : String.valueOf(s.charAt(p)), String.valueOf(c));
            }
        }
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().with(",|'\" .-0123456789abcNA/\t"), Arbitraries.chars().all());
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers(), Arbitraries.integers(), chars)
                .as(Mutation::new);
    }
}
