package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of request body fields that answer 400 naming the field, so handlers never cast
 * blindly and never crash on a wrong type.
 */
final class Fields {
    static final int MAX_TEXT = 2000;
    static final int MAX_IDS = 1000;

    private Fields() {
    }

    /** Refuses fields other than {@code allowed}: a typo must not be silently ignored. */
    static void only(ObjectNode o, String where, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ok.contains(name)) {
                throw ApiException.badParameter(prefix(where, name), "unknown field; expected one of " + String.join(", ", allowed));
            }
        }
    }

    /** A text field, or {@code null} when absent or null. */
    static String text(ObjectNode o, String name, int maxLength) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badParameter(name, "must be a string");
        }
        if (v.textValue().length() > maxLength) {
            throw ApiException.badParameter(name, "must be at most " + maxLength + " characters");
        }
        return v.textValue();
    }

    static String requiredText(ObjectNode o, String name, int maxLength) {
        String v = text(o, name, maxLength);
        if (v == null || v.isBlank()) {
            throw ApiException.badParameter(name, "is required");
        }
        return v;
    }

    static Boolean bool(ObjectNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiException.badParameter(name, "must be true or false");
        }
        return v.booleanValue();
    }

    static Double number(ObjectNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw ApiException.badParameter(name, "must be a finite number");
        }
        return v.doubleValue();
    }

    static Integer integer(ObjectNode o, String name, int min, int max) {
        Double v = number(o, name);
        if (v == null) {
            return null;
        }
        if (v != Math.rint(v) || v < min || v > max) {
            throw ApiException.badParameter(name, "must be a whole number from " + min + " to " + max);
        }
        return v.intValue();
    }

    /** A list of strings, or {@code null} when absent; each non-empty, at most {@code maxItems}. */
    static List<String> strings(ObjectNode o, String name, int maxItems, int maxLength) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.badParameter(name, "must be a list of strings");
        }
        if (v.size() > maxItems) {
            throw ApiException.badParameter(name, "must hold at most " + maxItems + " entries");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.textValue().isEmpty() || e.textValue().length() > maxLength) {
                throw ApiException.badParameter(name + "[" + i + "]", "must be a non-empty string of at most " + maxLength + " characters");
            }
            out.add(e.textValue());
        }
        return out;
    }

    static List<String> requiredStrings(ObjectNode o, String name, int maxItems, int maxLength) {
        List<String> v = strings(o, name, maxItems, maxLength);
        if (v == null || v.isEmpty()) {
            throw ApiException.badParameter(name, "is required: a non-empty list");
        }
        return v;
    }

    /** An object of string values, or {@code null} when absent. */
    static Map<String, String> stringMap(ObjectNode o, String name, int maxEntries, int maxLength) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.badParameter(name, "must be an object of strings");
        }
        if (v.size() > maxEntries) {
            throw ApiException.badParameter(name, "must hold at most " + maxEntries + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().textValue().length() > maxLength || e.getKey().isEmpty()) {
                throw ApiException.badParameter(name + "." + e.getKey(), "must be a string of at most " + maxLength + " characters");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    static ObjectNode object(ObjectNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.badParameter(name, "must be an object");
        }
        return (ObjectNode) v;
    }

    static String prefix(String where, String name) {
        return where == null || where.isEmpty() ? name : where + "." + name;
    }
}
