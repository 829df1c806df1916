package io.vigil.notifiers.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Parsed template text: lines of literal and variable segments. Parsing never fails. */
final class TemplateText {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final List<List<Segment>> lines;

    private TemplateText(List<List<Segment>> lines) {
        this.lines = lines;
    }

    private record Segment(String text, boolean variable) {
    }

    static TemplateText parse(String source) {
        List<List<Segment>> lines = new ArrayList<>();
        for (String line : source.split("\n", -1)) {
            lines.add(parseLine(line));
        }
        return new TemplateText(List.copyOf(lines));
    }

    private static List<Segment> parseLine(String line) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '{' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '{') {
                int close = line.indexOf('}', i + 1);
                String name = close < 0 ? null : line.substring(i + 1, close);
                if (name != null && NAME.matcher(name).matches()) {
                    if (literal.length() > 0) {
                        segments.add(new Segment(literal.toString(), false));
                        literal.setLength(0);
                    }
                    segments.add(new Segment(name, true));
                    i = close + 1;
                } else {
                    literal.append(c); // not a placeholder: keep the brace as written
                    i++;
                }
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            segments.add(new Segment(literal.toString(), false));
        }
        return List.copyOf(segments);
    }

    List<String> variables() {
        List<String> names = new ArrayList<>();
        for (List<Segment> line : lines) {
            for (Segment s : line) {
                if (s.variable()) {
                    names.add(s.text());
                }
            }
        }
        return names;
    }

    /**
     * Renders with {@code values}: a name mapped to a non-empty value is escaped with
     * {@code escapeValue}; a name mapped to {@code ""} or {@code null} is known but empty; a name
     * not in the map is unknown and written back as {@code {name}}. Literal text goes through
     * {@code escapeLiteral} (identity when the template is already in the target format).
     */
    String render(Map<String, String> values, UnaryOperator<String> escapeValue, UnaryOperator<String> escapeLiteral,
                  String lineSeparator) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (List<Segment> line : lines) {
            StringBuilder rendered = new StringBuilder();
            int variables = 0;
            int empty = 0;
            for (Segment s : line) {
                if (!s.variable()) {
                    rendered.append(escapeLiteral.apply(s.text()));
                    continue;
                }
                variables++;
                if (!values.containsKey(s.text())) {
                    rendered.append(escapeLiteral.apply("{" + s.text() + "}"));
                    continue;
                }
                String value = values.get(s.text());
                if (value == null || value.isEmpty()) {
                    empty++;
                } else {
                    rendered.append(escapeValue.apply(value));
                }
            }
            if (variables > 0 && empty == variables) {
                continue; // an optional line with nothing to show
            }
            if (!first) {
                out.append(lineSeparator);
            }
            out.append(rendered);
            first = false;
        }
        return out.toString();
    }
}
