package io.vigil.collectors.ipmi;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads {@code ipmitool sensor}: {@code name | reading | unit | status | lnr | lcr | lnc | unc |
 * ucr | unr}, e.g. {@code FAN1 | 0.000 | RPM | cr | na | 500.000 | 1000.000 | na | na | na}.
 * Discrete sensors print raw bits ({@code 0x1 | discrete | 0x0100}), which carry no reading and
 * no judgement that Vigil could publish without the sensor's event table; they are left out.
 */
final class IpmitoolSensorParser {
    private static final Pattern RAW_BITS = Pattern.compile("0x[0-9A-Fa-f]+");

    private IpmitoolSensorParser() {
    }

    static ParsedSensors parse(String output) {
        return ParseSupport.parseLines(output, IpmitoolSensorParser::parseLine);
    }

    private static void parseLine(int lineNumber, String line, ParseSupport.Collector out) {
        String[] f = line.split("\\|", -1);
        if (f.length != 10) {
            out.problem(lineNumber, line, "expected 10 '|'-separated fields, found " + f.length);
            return;
        }
        String name = f[0].trim();
        String reading = f[1].trim();
        String unitText = f[2].trim();
        String status = f[3].trim();
        if (name.isEmpty()) {
            out.problem(lineNumber, line, "sensor name is empty");
            return;
        }
        for (int t = 4; t < 10; t++) {
            String threshold = f[t].trim();
            if (!threshold.equals("na") && !ParseSupport.isNumber(threshold)) {
                out.problem(lineNumber, line, "threshold " + (t - 3) + " is neither a number nor na");
                return;
            }
        }
        boolean discrete = RAW_BITS.matcher(reading).matches() || unitText.equalsIgnoreCase("discrete");
        if (discrete) {
            boolean readingOk = RAW_BITS.matcher(reading).matches() || reading.equals("na");
            boolean statusOk = RAW_BITS.matcher(status).matches() || IpmitoolStatus.isKnown(status);
            if (!readingOk || !statusOk) {
                out.problem(lineNumber, line, "discrete sensor without raw state bits");
            }
            return;
        }
        OptionalDouble value = OptionalDouble.empty();
        if (!reading.equals("na")) {
            value = ParseSupport.number(reading);
            if (value.isEmpty()) {
                out.problem(lineNumber, line, "reading is neither a number nor na");
                return;
            }
        }
        if (!IpmitoolStatus.isKnown(status)) {
            out.problem(lineNumber, line, "unknown status '" + ParseSupport.quote(status) + "'");
            return;
        }
        Unit unit = Unit.parse(unitText).orElse(null);
        out.reading(new SensorReading(name, IpmitoolStatus.stateOf(status), value, unit, "", "", ""));
    }
}
