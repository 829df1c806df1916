package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.DurationText;
import io.vigil.alerting.api.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one JSON object of a document. Every getter names a field the format knows,
 * reports a wrongly typed value at its path and returns {@code null} for it (as for an absent or
 * {@code null} field); {@link #rejectUnknown} then reports every field no getter asked for, so a
 * typo is an error rather than a silently ignored setting.
 */
final class DocObject {
    private final JsonNode node;
    private final String path;
    private final Issues issues;
    private final Set<String> known = new LinkedHashSet<>();

    private DocObject(JsonNode node, String path, Issues issues) {
        this.node = node;
        this.path = path;
        this.issues = issues;
    }

    /** The object at {@code path}, or {@code null} (reported) when {@code node} is not an object. */
    static DocObject of(JsonNode node, String path, Issues issues) {
        if (node == null || !node.isObject()) {
            issues.add(ErrorCode.INVALID_FIELD, path, "must be an object, was " + kind(node));
            return null;
        }
        return new DocObject(node, path, issues);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return Paths.field(path, key);
    }

    Issues issues() {
        return issues;
    }

    /** The names of every field, each accepted as known (for objects keyed by user-chosen names). */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        known.addAll(names);
        return names;
    }

    /** Whether the field is written, even as {@code null}. */
    boolean has(String key) {
        known.add(key);
        return node.has(key);
    }

    /** Whether any of the fields is written. */
    boolean hasAny(String... keys) {
        boolean any = false;
        for (String k : keys) {
            any |= has(k);
        }
        return any;
    }

    /** The raw value, or {@code null} when absent or {@code null}. */
    JsonNode raw(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Accepts these fields and ignores their values (read-only statistics a response carries). */
    void ignore(String... keys) {
        for (String k : keys) {
            known.add(k);
        }
    }

    String text(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            wrongType(key, "a string", v);
            return null;
        }
        return v.textValue();
    }

    Boolean bool(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            wrongType(key, "true or false", v);
            return null;
        }
        return v.booleanValue();
    }

    Double number(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            wrongType(key, "a number", v);
            return null;
        }
        return v.doubleValue();
    }

    Long integer(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            wrongType(key, "a whole number", v);
            return null;
        }
        return v.longValue();
    }

    Integer smallInteger(String key) {
        Long v = integer(key);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            issues.add(ErrorCode.INVALID_FIELD, pathOf(key), "is out of range");
            return null;
        }
        return v == null ? null : v.intValue();
    }

    /** A list of strings; {@code null} when absent, wrongly typed or holding a non-string. */
    List<String> texts(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            wrongType(key, "a list of strings", v);
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else {
                issues.add(ErrorCode.INVALID_FIELD, Paths.index(pathOf(key), i), "must be a string, was " + kind(e));
                ok = false;
            }
        }
        return ok ? out : null;
    }

    /** An object of string values, in document order; {@code null} when absent or wrongly typed. */
    Map<String, String> textMap(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            wrongType(key, "an object of strings", v);
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                issues.add(ErrorCode.INVALID_FIELD, Paths.field(pathOf(key), e.getKey()),
                        "must be a string, was " + kind(e.getValue()));
                ok = false;
            }
        }
        return ok ? out : null;
    }

    /** A nested object; {@code null} when absent or {@code null}, reported when not an object. */
    DocObject object(String key) {
        JsonNode v = raw(key);
        return v == null ? null : of(v, pathOf(key), issues);
    }

    /** A list of objects; {@code null} when absent. Elements that are not objects are reported and left out. */
    List<DocObject> objects(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            wrongType(key, "a list", v);
            return null;
        }
        List<DocObject> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            DocObject element = of(v.get(i), Paths.index(pathOf(key), i), issues);
            if (element != null) {
                out.add(element);
            }
        }
        return out;
    }

    /** A duration written as text ({@code "5m"}, {@code "PT5M"}); numbers are refused because their unit is unclear. */
    Duration duration(String key) {
        return duration(key, null, null);
    }

    /**
     * A duration written as text, or as a plain number in {@code numberUnit} (a seed's seconds or
     * minutes); {@code numberUnit == null} refuses numbers.
     */
    Duration duration(String key, Duration numberUnit, String unitName) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        try {
            if (v.isTextual()) {
                return DurationText.parse(v.textValue());
            }
            if (v.isNumber() && numberUnit != null) {
                return DurationText.ofNumber(v.doubleValue(), numberUnit);
            }
        } catch (IllegalArgumentException e) {
            issues.add(ErrorCode.INVALID_DURATION, pathOf(key), e.getMessage());
            return null;
        }
        String expected = numberUnit == null
                ? DurationText.EXPECTED + " (a bare number has no unit)"
                : "a number of " + unitName + " or " + DurationText.EXPECTED;
        issues.add(ErrorCode.INVALID_DURATION, pathOf(key), "must be " + expected + ", was " + kind(v));
        return null;
    }

    /** A seed's plain number of {@code unitName}; text is refused as the seed never writes it. */
    Duration numberDuration(String key, Duration unit, String unitName) {
        Double n = number(key);
        if (n == null) {
            return null;
        }
        try {
            return DurationText.ofNumber(n, unit);
        } catch (IllegalArgumentException e) {
            issues.add(ErrorCode.INVALID_DURATION, pathOf(key), e.getMessage());
            return null;
        }
    }

    /** An ISO-8601 instant: {@code 2026-02-03T10:00:00Z}, or with an offset. */
    Instant instant(String key) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                issues.add(ErrorCode.INVALID_FIELD, pathOf(key),
                        "must be an ISO-8601 time such as 2026-02-03T10:00:00Z");
                return null;
            }
        }
    }

    /** Reports every field no getter asked for, suggesting the known name it most resembles. */
    void rejectUnknown(String context) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                StringBuilder msg = new StringBuilder("unknown field '").append(shorten(key)).append('\'');
                String suggestion = closest(key);
                if (suggestion != null) {
                    msg.append(" (did you mean '").append(suggestion).append("'?)");
                }
                if (context != null) {
                    msg.append("; ").append(context);
                }
                issues.add(ErrorCode.INVALID_FIELD, pathOf(shorten(key)), msg.toString());
            }
        }
    }

    private String closest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        if (key.length() > 64) {
            return null;
        }
        for (String k : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(1, key.length() / 4 + 1) ? best : null;
    }

    /** Levenshtein distance; keys are short. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void wrongType(String key, String expected, JsonNode actual) {
        issues.add(ErrorCode.INVALID_FIELD, pathOf(key), "must be " + expected + ", was " + kind(actual));
    }

    /** A value's kind for messages; never the value itself, which may be a secret. */
    static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "empty";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shorten(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "…";
    }
}
