package io.vigil.collectors.ipmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads FreeIPMI's sensor table as {@code ipmi-sensors --comma-separated-output
 * --output-sensor-state --no-header-output} and {@code ipmimonitoring --comma-separated-output
 * --no-header-output} print it: {@code ID,Name,Type,State,Reading,Units,Event}, e.g.
 * {@code 1,CPU1 Temp,Temperature,Critical,95.00,C,'At or Above (>=) Upper Critical Threshold'}.
 *
 * <p>FreeIPMI's default interpretation calls a crossed non-critical threshold "Nominal"; the
 * parser raises such a sensor to {@code warning} from its event text, so that FreeIPMI and
 * ipmitool (which says "unc"/"lnc") agree.
 */
final class FreeIpmiCsvParser {
    private static final Pattern RECORD_ID = Pattern.compile("\\d{1,9}");
    private static final Pattern QUOTED_EVENTS = Pattern.compile("'[^']*'(?:[\\s,]+'[^']*')*");
    private static final String HEADER = "id,name,type,state,reading,units,event";

    private FreeIpmiCsvParser() {
    }

    static ParsedSensors parse(String output) {
        return ParseSupport.parseLines(output, FreeIpmiCsvParser::parseLine);
    }

    private static void parseLine(int lineNumber, String line, ParseSupport.Collector out) {
        if (line.replace(" ", "").toLowerCase(Locale.ROOT).equals(HEADER)) {
            return;
        }
        // The event is last and may itself hold commas ('Presence detected','AC lost'): split six times only.
        String[] f = line.split(",", 7);
        if (f.length != 7) {
            out.problem(lineNumber, line, "expected 7 comma-separated fields, found " + f.length);
            return;
        }
        if (!RECORD_ID.matcher(f[0].trim()).matches()) {
            out.problem(lineNumber, line, "record id is not a number");
            return;
        }
        String name = f[1].trim();
        if (name.isEmpty()) {
            out.problem(lineNumber, line, "sensor name is empty");
            return;
        }
        String stateText = f[3].trim();
        SensorState state;
        switch (stateText.toLowerCase(Locale.ROOT)) {
            case "nominal": state = SensorState.NOMINAL; break;
            case "warning": state = SensorState.WARNING; break;
            case "critical": state = SensorState.CRITICAL; break;
            case "n/a": state = null; break;
            default:
                out.problem(lineNumber, line, "unknown sensor state '" + ParseSupport.quote(stateText) + "'");
                return;
        }
        String readingText = f[4].trim();
        OptionalDouble value;
        if (readingText.equalsIgnoreCase("n/a")) {
            value = OptionalDouble.empty();
        } else {
            value = ParseSupport.number(readingText);
            if (value.isEmpty()) {
                out.problem(lineNumber, line, "reading is neither a number nor N/A");
                return;
            }
        }
        String eventText = f[6].trim();
        String event;
        if (eventText.equalsIgnoreCase("n/a") || eventText.isEmpty()) {
            event = "";
        } else if (QUOTED_EVENTS.matcher(eventText).matches()) {
            event = unquote(eventText);
        } else {
            out.problem(lineNumber, line, "event is not quoted");
            return;
        }
        Unit unit = Unit.parse(f[5]).orElse(null);
        if (state != null) {
            state = SensorState.worse(state, thresholdState(event));
        }
        out.reading(new SensorReading(name, state, value, unit, f[2].trim(), "", event));
    }

    /** {@code 'a' 'b'} becomes {@code a, b}. */
    private static String unquote(String events) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while ((i = events.indexOf('\'', i)) >= 0) {
            int end = events.indexOf('\'', i + 1);
            String part = events.substring(i + 1, end).trim();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            i = end + 1;
        }
        return String.join(", ", parts);
    }

    /** The state a threshold event names, e.g. "At or Above (>=) Upper Non-Critical Threshold" is a warning. */
    static SensorState thresholdState(String event) {
        String e = event.toLowerCase(Locale.ROOT);
        if (e.contains("non-recoverable threshold")) {
            return SensorState.CRITICAL;
        }
        if (e.contains("non-critical threshold")) {
            return SensorState.WARNING;
        }
        if (e.contains("critical threshold")) {
            return SensorState.CRITICAL;
        }
        return null;
    }
}
