package io.vigil.alerting.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of label name/value pairs, sorted by name. Two label sets with the same pairs
 * are equal whatever order they were given in; the hash is computed once.
 */
public final class Labels implements Comparable<Labels> {
    private static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private final int hash;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    public static Labels empty() {
        return EMPTY;
    }

    /** Labels from alternating names and values: {@code Labels.of("host", "web-1", "env", "prod")}. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs, got " + namesAndValues.length + " strings");
        }
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            put(map, namesAndValues[i], namesAndValues[i + 1]);
        }
        return fromSorted(map);
    }

    public static Labels of(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> put(sorted, k, v));
        return fromSorted(sorted);
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a label name must not be empty");
        }
        Objects.requireNonNull(value, () -> "value of label '" + name + "'");
        if (map.put(name, value) != null) {
            throw new IllegalArgumentException("label '" + name + "' given twice");
        }
    }

    private static Labels fromSorted(Map<String, String> sorted) {
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        return new Labels(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
    }

    /** The value of {@code name}, or {@code null}. */
    public String get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(get(name));
    }

    public boolean has(String name) {
        return Arrays.binarySearch(names, name) >= 0;
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String nameAt(int index) {
        return names[index];
    }

    public String valueAt(int index) {
        return values[index];
    }

    /** A copy with {@code name} set to {@code value} (replacing any previous value). */
    public Labels with(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a label name must not be empty");
        }
        Map<String, String> map = new TreeMap<>(asMap());
        map.put(name, Objects.requireNonNull(value, "value"));
        return fromSorted(map);
    }

    /** A copy holding only the named labels that are present. */
    public Labels keep(Iterable<String> keepNames) {
        Map<String, String> map = new TreeMap<>();
        for (String n : keepNames) {
            String v = get(n);
            if (v != null) {
                map.put(n, v);
            }
        }
        return fromSorted(map);
    }

    /** A copy that also holds every label of {@code other}; {@code other} wins on a clash. */
    public Labels merge(Labels other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, String> map = new TreeMap<>(asMap());
        map.putAll(other.asMap());
        return fromSorted(map);
    }

    /** An unmodifiable, name-ordered view as a map. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && hash == other.hash
                && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Labels o) {
        int n = Math.min(names.length, o.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(o.names[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, o.names.length);
    }

    /** Prometheus-like rendering: {@code {env="prod", host="web-1"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append("=\"").append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}
