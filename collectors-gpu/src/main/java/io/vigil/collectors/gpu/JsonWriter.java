package io.vigil.collectors.gpu;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Just enough of a streaming JSON writer for {@link GpuProbe}'s report (no JSON library at runtime). */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether the next element is its first. */
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        element();
        out.append('{');
        first.push(true);
        return this;
    }

    JsonWriter endObject() {
        first.pop();
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        element();
        out.append('[');
        first.push(true);
        return this;
    }

    JsonWriter endArray() {
        first.pop();
        out.append(']');
        return this;
    }

    JsonWriter name(String name) {
        element();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        element();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonWriter value(double value) {
        element();
        if (!Double.isFinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        return this;
    }

    JsonWriter value(boolean value) {
        element();
        out.append(value);
        return this;
    }

    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, Optional<?> value) {
        name(name);
        if (value.isEmpty()) {
            return value((String) null);
        }
        Object v = value.get();
        return v instanceof Boolean b ? value(b.booleanValue()) : value(v.toString());
    }

    JsonWriter field(String name, OptionalDouble value) {
        name(name);
        return value.isPresent() ? value(value.getAsDouble()) : value((String) null);
    }

    JsonWriter field(String name, OptionalInt value) {
        name(name);
        return value.isPresent() ? value(value.getAsInt()) : value((String) null);
    }

    JsonWriter field(String name, OptionalLong value) {
        name(name);
        return value.isPresent() ? value((double) value.getAsLong()) : value((String) null);
    }

    JsonWriter object(String name, Map<String, String> values) {
        name(name).beginObject();
        values.forEach(this::field);
        return endObject();
    }

    /** Writes the separator an element needs in its container. */
    private void element() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (first.peek()) {
                first.pop();
                first.push(false);
            } else {
                out.append(',');
            }
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
