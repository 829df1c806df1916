package io.vigil.alerting.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Document paths ({@code notifications.escalation.levels[1].delay}) and the renames that turn a
 * model path into the path of the field the user actually wrote.
 */
final class Paths {
    private Paths() {
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** A model path ({@code delay}, {@code [1]}, empty) placed under the document path {@code prefix}. */
    static String under(String prefix, String path) {
        if (path.isEmpty()) {
            return prefix;
        }
        if (prefix.isEmpty() || path.startsWith("[")) {
            return prefix + path;
        }
        return prefix + "." + path;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** Whether {@code a} and {@code b} are the same field or one contains the other. */
    static boolean related(String a, String b) {
        return a.equals(b) || contains(a, b) || contains(b, a);
    }

    private static boolean contains(String outer, String inner) {
        if (outer.isEmpty()) {
            return false; // a whole-document problem does not hide field problems
        }
        if (!inner.startsWith(outer) || inner.length() == outer.length()) {
            return false;
        }
        char next = inner.charAt(outer.length());
        return next == '.' || next == '[';
    }

    /** Prefix renames, longest match first: {@code conditions[0].holdFor -> threshold.duration_minutes}. */
    static final class Renames implements UnaryOperator<String> {
        private final Map<String, String> renames = new LinkedHashMap<>();

        Renames rename(String modelPath, String documentPath) {
            renames.put(modelPath, documentPath);
            return this;
        }

        @Override
        public String apply(String path) {
            String best = null;
            for (String from : renames.keySet()) {
                if ((path.equals(from) || contains(from, path)) && (best == null || from.length() > best.length())) {
                    best = from;
                }
            }
            return best == null ? path : renames.get(best) + path.substring(best.length());
        }
    }
}
