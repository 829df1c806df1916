package io.vigil.alerting.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Secret;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON vocabulary of stored documents, on Jackson's tree model: every field is written and
 * read by name here, so a renamed Java field can never silently change what is on disk.
 * Conventions: enums in lower case ({@code greater_than}), durations ISO-8601 ({@code PT5M}),
 * instants ISO-8601 UTC, maps sorted by key (the same value always gives the same text), absent
 * optional values omitted, non-finite numbers as the strings {@code NaN}, {@code Infinity},
 * {@code -Infinity} (JSON has no literal for them).
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Parses stored text; {@code what} names it in the error if the text is not JSON. */
    static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored " + what + " is not readable JSON: " + e.getOriginalMessage());
        }
    }

    // ---- writing ------------------------------------------------------------------------------

    static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static void put(ObjectNode node, String field, Enum<?> value) {
        if (value != null) {
            node.put(field, enumText(value));
        }
    }

    static void put(ObjectNode node, String field, Duration value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    static void put(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    static void put(ObjectNode node, String field, Secret value) {
        if (value != null) {
            node.put(field, value.reveal()); // the store keeps secrets as given
        }
    }

    static void putNumber(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.set(field, numberNode(value));
        }
    }

    static JsonNode numberNode(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
    }

    static void putStrings(ObjectNode node, String field, List<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
    }

    static void putStringMap(ObjectNode node, String field, Map<String, String> values) {
        ObjectNode o = node.putObject(field);
        new TreeMap<>(values).forEach(o::put);
    }

    static String enumText(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    // ---- reading ------------------------------------------------------------------------------

    static JsonNode field(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = field(node, field);
        return v == null ? null : v.asText();
    }

    static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
        String t = text(node, field);
        return t == null ? null : enumValue(t, type);
    }

    static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StoreException("the stored value '" + text + "' is not a " + type.getSimpleName());
        }
    }

    static Duration duration(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : Duration.parse(t);
    }

    static Instant instant(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : Instant.parse(t);
    }

    static Secret secret(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : Secret.of(t);
    }

    static Double number(JsonNode node, String field) {
        JsonNode v = field(node, field);
        return v == null ? null : toDouble(v);
    }

    static double toDouble(JsonNode v) {
        return v.isTextual() ? Double.parseDouble(v.asText()) : v.doubleValue();
    }

    static boolean bool(JsonNode node, String field, boolean absent) {
        JsonNode v = field(node, field);
        return v == null ? absent : v.asBoolean();
    }

    static Boolean optionalBool(JsonNode node, String field) {
        JsonNode v = field(node, field);
        return v == null ? null : v.asBoolean();
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = field(node, field);
        if (v != null) {
            v.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> out = new TreeMap<>();
        JsonNode v = field(node, field);
        if (v != null) {
            v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    static List<JsonNode> elements(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = field(node, field);
        if (v != null) {
            v.forEach(out::add);
        }
        return out;
    }
}
