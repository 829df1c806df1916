package io.vigil.collectors.ipmi;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Shared pieces of the output parsers: line splitting, strict numbers, quoting a bad line in a message. */
final class ParseSupport {
    /** Decimal numbers only: {@link Double#parseDouble} would also take "NaN", "Infinity", "0x1p3" and "1d". */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d{1,3})?");
    private static final int QUOTE_LIMIT = 100;
    /** No tool prints a sensor line this long; longer ones are refused before any pattern sees them. */
    static final int MAX_LINE_LENGTH = 1024;

    private ParseSupport() {
    }

    /** The output's lines without line terminators; {@code null} gives none. */
    static List<String> lines(String output) {
        if (output == null || output.isEmpty()) {
            return List.of();
        }
        return List.of(output.split("\\R", -1));
    }

    /** Parses one non-blank line of a tool's output into {@code out}. */
    interface LineParser {
        void parse(int lineNumber, String line, Collector out);
    }

    /** Feeds every non-blank line of {@code output} to {@code parser}; overlong lines become problems. */
    static ParsedSensors parseLines(String output, LineParser parser) {
        Collector out = new Collector();
        List<String> lines = lines(output);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_LINE_LENGTH) {
                out.problem(i + 1, line, "line longer than " + MAX_LINE_LENGTH + " characters");
                continue;
            }
            parser.parse(i + 1, line, out);
        }
        return out.result();
    }

    /** The number {@code text} spells, or empty when it is not plainly a finite decimal number. */
    static OptionalDouble number(String text) {
        String t = text.trim();
        if (!NUMBER.matcher(t).matches()) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    static boolean isNumber(String text) {
        return number(text).isPresent();
    }

    /** A problem message naming the line and quoting it, shortened and stripped of control characters. */
    static String problem(int lineNumber, String line, String reason) {
        return "line " + lineNumber + ": " + reason + ": '" + quote(line) + "'";
    }

    /** {@code text} made safe to show in a message: no control characters, at most 100 characters. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), QUOTE_LIMIT + 3));
        for (int i = 0; i < text.length() && sb.length() < QUOTE_LIMIT; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (text.length() > QUOTE_LIMIT) {
            sb.append("...");
        }
        return sb.toString();
    }

    /**
     * The line that best says why a tool failed: the last non-blank line of {@code preferred}
     * (tools print the fatal error last, after warnings such as ipmitool's "Unable to Get Channel
     * Cipher Suites"), else of {@code fallback}, quoted safely.
     */
    static String summary(String preferred, String fallback) {
        for (String text : new String[] {preferred, fallback}) {
            List<String> lines = lines(text);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return quote(lines.get(i).trim());
                }
            }
        }
        return "no output";
    }

    /** Collects readings and problems while a parser walks the lines. */
    static final class Collector {
        private final List<SensorReading> readings = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        void reading(SensorReading reading) {
            readings.add(reading);
        }

        void problem(int lineNumber, String line, String reason) {
            problems.add(ParseSupport.problem(lineNumber, line, reason));
        }

        ParsedSensors result() {
            return new ParsedSensors(readings, problems);
        }
    }
}
