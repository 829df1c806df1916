package io.vigil.http;

import io.vigil.alerting.spi.PageRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The query string, decoded, with typed getters that answer 400 (naming the parameter) for values
 * that do not parse. Repeated parameters and comma-separated values both make lists.
 */
final class Query {
    private static final int MAX_PARAMETERS = 100;
    private final Map<String, List<String>> values;

    private Query(Map<String, List<String>> values) {
        this.values = values;
    }

    static Query parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Query(values);
        }
        String[] pairs = rawQuery.split("&");
        if (pairs.length > MAX_PARAMETERS) {
            throw ApiException.badRequest("too many query parameters (at most " + MAX_PARAMETERS + ")");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Query(values);
    }

    /**
     * Percent-decoding that refuses malformed escapes and invalid UTF-8 with a 400; {@code +} is a
     * space in a query, itself in a path.
     */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' && plusIsSpace) {
                out[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw ApiException.badRequest("malformed percent-encoding in the URL");
                }
                out[n++] = (byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + raw.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length + raw.length * 2);
                }
                System.arraycopy(raw, 0, out, n, raw.length);
                n += raw.length;
            }
        }
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(out, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.badRequest("the URL is not valid UTF-8 once decoded");
        }
    }

    Optional<String> string(String name) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty() || v.get(v.size() - 1).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(v.get(v.size() - 1));
    }

    boolean has(String name) {
        return string(name).isPresent();
    }

    /** Every value, repeated and comma-separated ones split, blanks dropped. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n < min || n > max) {
                throw ApiException.badParameter(name, "must be " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a whole number");
        }
    }

    double number(String name, double defaultValue, double min, double max) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            double n = Double.parseDouble(v.get().trim());
            if (!(n >= min && n <= max)) {
                throw ApiException.badParameter(name, "must be a number from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a number");
        }
    }

    Optional<Boolean> bool(String name) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        switch (v.get().trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": return Optional.of(Boolean.TRUE);
            case "false": case "0": case "no": return Optional.of(Boolean.FALSE);
            default: throw ApiException.badParameter(name, "must be true or false");
        }
    }

    /** An ISO-8601 instant ({@code 2026-02-03T23:59:59Z}) or offset date-time. */
    Optional<Instant> instant(String name) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parseInstant(name, v.get().trim()));
    }

    static Instant parseInstant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badParameter(name, "must be an ISO-8601 time such as 2026-02-03T00:00:00Z");
            }
        }
    }

    /** Values parsed by {@code parser} (empty answer: invalid), e.g. statuses or severities. */
    <T> List<T> parsedList(String name, Function<String, Optional<T>> parser, String accepted) {
        List<T> out = new ArrayList<>();
        for (String v : list(name)) {
            out.add(parser.apply(v).orElseThrow(() -> ApiException.badParameter(name, "one of " + accepted)));
        }
        return out;
    }

    <T> Optional<T> parsed(String name, Function<String, Optional<T>> parser, String accepted) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parser.apply(v.get()).orElseThrow(() -> ApiException.badParameter(name, "one of " + accepted)));
    }

    /** Seed 003's {@code page} and {@code pageSize}. */
    PageRequest page() {
        int page = integer("page", 1, 1, 1_000_000);
        int size = integer("pageSize", PageRequest.DEFAULT_PAGE_SIZE, 1, PageRequest.MAX_PAGE_SIZE);
        return PageRequest.of(page, size);
    }
}
