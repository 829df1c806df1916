package io.vigil.collectors.ipmi;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ipmitool sdr elist}: {@code name | sensor number | status | entity | reading}, e.g.
 * {@code CPU1 Temp | 01h | ucr | 3.1 | 95 degrees C}, {@code PS Redundancy | 75h | ok | 7.1 |
 * Fully Redundant} or HPE's {@code Power Supply 1 | 40h | ok | 10.1 | 115 Watts, Presence detected}.
 * Management controller and FRU locator records ("Dynamic MC @ 20h", "Logical FRU @00h") are
 * not sensors and are skipped.
 */
final class IpmitoolSdrParser {
    private static final Pattern SENSOR_NUMBER = Pattern.compile("[0-9A-Fa-f]{1,4}h");
    private static final Pattern ENTITY = Pattern.compile("\\d{1,3}\\.\\d{1,3}");
    /** A number, its unit, and optionally a comma and discrete state text after it. */
    private static final Pattern VALUE_AND_UNIT = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s+([^,]*[^,\\s])\\s*(?:,\\s*(.*))?");
    private static final Pattern RAW_BITS = Pattern.compile("0x[0-9A-Fa-f]+");
    private static final Pattern LOCATOR = Pattern.compile("(?i)(?:dynamic|static) mc @ ?[0-9a-f]+h|(?:logical|physical) fru @ ?[0-9a-f]+h");

    private IpmitoolSdrParser() {
    }

    static ParsedSensors parse(String output) {
        return ParseSupport.parseLines(output, IpmitoolSdrParser::parseLine);
    }

    private static void parseLine(int lineNumber, String line, ParseSupport.Collector out) {
        String[] f = line.split("\\|", -1);
        if (f.length != 5) {
            out.problem(lineNumber, line, "expected 5 '|'-separated fields, found " + f.length);
            return;
        }
        String name = f[0].trim();
        String status = f[2].trim();
        String entity = f[3].trim();
        String reading = f[4].trim();
        if (name.isEmpty()) {
            out.problem(lineNumber, line, "sensor name is empty");
            return;
        }
        if (!SENSOR_NUMBER.matcher(f[1].trim()).matches()) {
            out.problem(lineNumber, line, "sensor number is not hexadecimal like '01h'");
            return;
        }
        if (!IpmitoolStatus.isKnown(status)) {
            out.problem(lineNumber, line, "unknown status '" + ParseSupport.quote(status) + "'");
            return;
        }
        if (!ENTITY.matcher(entity).matches()) {
            out.problem(lineNumber, line, "entity is not like '3.1'");
            return;
        }
        if (LOCATOR.matcher(reading).matches()) {
            return;
        }
        OptionalDouble value = OptionalDouble.empty();
        Unit unit = null;
        String event = reading;
        Matcher m = VALUE_AND_UNIT.matcher(reading);
        if (m.matches()) {
            value = ParseSupport.number(m.group(1));
            unit = Unit.parse(m.group(2)).orElse(null);
            event = m.group(3) == null ? "" : m.group(3).trim();
        } else if (RAW_BITS.matcher(reading).matches() || isNoReading(reading)) {
            event = "";
        }
        out.reading(new SensorReading(name, IpmitoolStatus.stateOf(status), value, unit, "", entity, event));
    }

    /** The texts ipmitool prints in place of a reading. */
    static boolean isNoReading(String reading) {
        String r = reading.trim().toLowerCase(java.util.Locale.ROOT);
        return r.isEmpty() || r.equals("no reading") || r.equals("disabled") || r.equals("not readable")
                || r.equals("na") || r.equals("n/a");
    }
}
