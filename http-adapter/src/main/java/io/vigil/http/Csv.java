package io.vigil.http;

import java.util.List;

/**
 * RFC 4180 CSV with protection against formula injection: a text cell that a spreadsheet would
 * run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR) is prefixed with an
 * apostrophe, since report cells hold rule names, notes and labels that callers wrote.
 */
final class Csv {
    private final StringBuilder out = new StringBuilder();

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(cells.get(i));
        }
        out.append("\r\n");
        return this;
    }

    Csv row(Object... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    private void cell(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number) {
            out.append(value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15 ? String.valueOf(d.longValue())
                    : value.toString());
            return;
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = '"' + text.replace("\"", "\"\"") + '"';
        }
        out.append(text);
    }

    Reply reply(String filename) {
        return Reply.text(200, "text/csv; charset=utf-8", out.toString())
                .withHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
