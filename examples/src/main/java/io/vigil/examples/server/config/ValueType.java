package io.vigil.examples.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.alerting.api.DurationText;
import io.vigil.alerting.api.Secret;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The kinds of value a configuration key can hold, each converting from a file's node and from
 * text (an environment variable, a command-line option, a {@link Default}). Messages say what was
 * expected; they quote the value only where it cannot be a secret.
 */
abstract class ValueType {
    private static final YAMLMapper FLOW = new YAMLMapper();

    /** How the reference describes the type. */
    abstract String describe();

    /** Converts text; throws {@link IllegalArgumentException} with a message for the user. */
    abstract Object fromText(String text);

    /** Converts a node of the file; scalars go through {@link #fromText}. */
    Object fromNode(JsonNode node) {
        if (!node.isValueNode()) {
            throw new IllegalArgumentException("must be " + describe() + ", found " + kind(node));
        }
        return fromText(node.asText());
    }

    /** The value's text as the reference shows a default. */
    String show(Object value) {
        return String.valueOf(value);
    }

    /** Whether values of this key are secrets: never quoted, never shown. */
    boolean secret() {
        return false;
    }

    /** An empty value for list and map keys without a default; {@code null} for the others. */
    Object absent() {
        return null;
    }

    static ValueType of(Type type) {
        if (type == String.class) {
            return TEXT;
        }
        if (type == int.class || type == Integer.class) {
            return INTEGER;
        }
        if (type == boolean.class) {
            return BOOLEAN;
        }
        if (type == Duration.class) {
            return DURATION;
        }
        if (type == Path.class) {
            return PATH;
        }
        if (type == Secret.class) {
            return SECRET;
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return new EnumType(c);
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
            if (p.getRawType() == List.class) {
                return LIST;
            }
            if (p.getRawType() == Map.class && p.getActualTypeArguments()[1] == String.class) {
                return MAP;
            }
        }
        throw new IllegalStateException("configuration keys cannot have the type " + type);
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return node.isTextual() ? "text" : node.isNumber() ? "a number" : node.isBoolean() ? "true/false" : node.getNodeType().toString();
    }

    static String quote(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return "'" + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine) + "'";
    }

    static final ValueType TEXT = new ValueType() {
        @Override
        String describe() {
            return "text";
        }

        @Override
        Object fromText(String text) {
            return text;
        }
    };

    static final ValueType SECRET = new ValueType() {
        @Override
        String describe() {
            return "secret text (never logged or shown)";
        }

        @Override
        Object fromText(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return Secret.of(text);
        }

        @Override
        boolean secret() {
            return true;
        }

        @Override
        Object fromNode(JsonNode node) {
            if (!node.isValueNode()) {
                throw new IllegalArgumentException("must be " + describe() + ", found " + kind(node));
            }
            return fromText(node.asText());
        }

        @Override
        String show(Object value) {
            return Secret.REDACTED;
        }
    };

    static final ValueType INTEGER = new ValueType() {
        @Override
        String describe() {
            return "integer";
        }

        @Override
        Object fromText(String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, was " + quote(text));
            }
        }

        @Override
        Object fromNode(JsonNode node) {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.isTextual()) {
                return fromText(node.textValue());
            }
            throw new IllegalArgumentException("must be a whole number, found " + (node.isNumber() ? node.asText() : kind(node)));
        }
    };

    static final ValueType BOOLEAN = new ValueType() {
        @Override
        String describe() {
            return "`true` or `false`";
        }

        @Override
        Object fromText(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
            throw new IllegalArgumentException("must be true or false, was " + quote(text));
        }

        @Override
        Object fromNode(JsonNode node) {
            return node.isBoolean() ? node.booleanValue() : super.fromNode(node);
        }
    };

    static final ValueType DURATION = new ValueType() {
        @Override
        String describe() {
            return "duration (`500ms`, `10s`, `5m`, `1h30m`, `2d`, ISO-8601 `PT10S`)";
        }

        @Override
        Object fromText(String text) {
            Duration d;
            try {
                d = DurationText.parse(text, ChronoUnit.FOREVER.getDuration());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be a duration such as 10s, 5m, 1h30m or 2d, was " + quote(text));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be longer than zero, was " + quote(text));
            }
            return d;
        }

        @Override
        Object fromNode(JsonNode node) {
            if (node.isNumber()) {
                throw new IllegalArgumentException("must be a duration with its unit (10s, 5m), found the bare number " + node.asText());
            }
            return super.fromNode(node);
        }

        @Override
        String show(Object value) {
            return DurationText.format((Duration) value);
        }
    };

    static final ValueType PATH = new ValueType() {
        @Override
        String describe() {
            return "file path (relative to the working directory)";
        }

        @Override
        Object fromText(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must be a path, was empty");
            }
            try {
                return Path.of(text.trim());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("is not a valid path: " + e.getReason());
            }
        }
    };

    /** A list: a YAML/JSON list in the file, comma-separated text (or a flow list {@code [a, b]}) in the environment. */
    static final ValueType LIST = new ValueType() {
        @Override
        String describe() {
            return "list of text (environment: comma-separated)";
        }

        @Override
        Object fromText(String text) {
            String t = text.trim();
            if (t.startsWith("[")) {
                return fromNode(flow(t));
            }
            return Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableList());
        }

        @Override
        Object fromNode(JsonNode node) {
            if (node.isTextual()) {
                return fromText(node.textValue());
            }
            if (!node.isArray()) {
                throw new IllegalArgumentException("must be a list, found " + kind(node));
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException("item " + i + " must be text, found " + kind(item));
                }
                items.add(item.asText());
            }
            return List.copyOf(items);
        }

        @Override
        Object absent() {
            return List.of();
        }

        @Override
        String show(Object value) {
            return String.join(", ", castList(value));
        }
    };

    /** A map of text: a mapping in the file, a flow mapping ({@code {a: b, c: d}}) in the environment. */
    static final ValueType MAP = new ValueType() {
        @Override
        String describe() {
            return "mapping of text to text (environment: `{name: value, ...}`)";
        }

        @Override
        Object fromText(String text) {
            String t = text.trim();
            if (t.isEmpty()) {
                return Map.of();
            }
            if (!t.startsWith("{")) {
                throw new IllegalArgumentException("must be a mapping written {name: value, ...}");
            }
            return fromNode(flow(t));
        }

        @Override
        Object fromNode(JsonNode node) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("must be a mapping of names to values, found " + kind(node));
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new IllegalArgumentException("the value of " + quote(e.getKey()) + " must be text, found "
                            + kind(e.getValue()));
                }
                map.put(e.getKey(), e.getValue().asText());
            }
            return java.util.Collections.unmodifiableMap(map);
        }

        @Override
        Object absent() {
            return Map.of();
        }

        @Override
        String show(Object value) {
            return ((Map<?, ?>) value).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    };

    private static List<String> castList(Object value) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static JsonNode flow(String text) {
        try {
            return FLOW.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be read as YAML: " + e.getOriginalMessage());
        }
    }

    /** One of an enum's constants, written in lower case. */
    private static final class EnumType extends ValueType {
        private final Class<?> type;

        EnumType(Class<?> type) {
            this.type = type;
        }

        private List<String> names() {
            return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        String describe() {
            return "one of " + names().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        }

        @Override
        Object fromText(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().toLowerCase(Locale.ROOT).equals(t)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", names()) + ", was " + quote(text));
        }

        @Override
        String show(Object value) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
        }
    }
}
