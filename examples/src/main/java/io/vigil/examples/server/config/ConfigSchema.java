package io.vigil.examples.server.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys a tree of configuration records defines, read from the records' components and their
 * annotations: the single description that both the binder and the reference use, so the two
 * cannot disagree.
 */
final class ConfigSchema {
    static final String ENV_PREFIX = "VIGIL_";

    private ConfigSchema() {
    }

    /** A key or a section. */
    sealed interface Node permits Key, Section {
        String path();

        /** The component's name within its section. */
        default String name() {
            String p = path();
            return p.substring(p.lastIndexOf('.') + 1);
        }
    }

    /**
     * A key holding a value.
     *
     * @param alias        a second environment variable ({@link Env}), or {@code null}
     * @param defaultText  the {@link Default}, or {@code null}
     * @param range        integer bounds, or {@code null}
     */
    record Key(String path, String envName, String alias, ValueType type, String defaultText, String doc, Range range)
            implements Node {
    }

    /** A section: a record of keys and sections. */
    record Section(String path, Class<?> type, String doc, List<Node> children) implements Node {
        /** Every key below this section, depth first in declaration order. */
        List<Key> keys() {
            List<Key> out = new ArrayList<>();
            for (Node n : children) {
                if (n instanceof Key k) {
                    out.add(k);
                } else {
                    out.addAll(((Section) n).keys());
                }
            }
            return out;
        }

        /** Every section below this one (not itself), depth first. */
        List<Section> sections() {
            List<Section> out = new ArrayList<>();
            for (Node n : children) {
                if (n instanceof Section s) {
                    out.add(s);
                    out.addAll(s.sections());
                }
            }
            return out;
        }
    }

    /** The schema of a root configuration record. */
    static Section of(Class<? extends Record> root) {
        return section("", root);
    }

    private static Section section(String path, Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + " is not a record");
        }
        List<Node> children = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String childPath = path.isEmpty() ? c.getName() : path + "." + c.getName();
            Doc doc = c.getAnnotation(Doc.class);
            if (c.getType().isRecord()) {
                Doc sectionDoc = doc != null ? doc : c.getType().getAnnotation(Doc.class);
                children.add(withDocOf(section(childPath, c.getType()), sectionDoc));
                continue;
            }
            if (doc == null) {
                throw new IllegalStateException("configuration key " + childPath + " has no @Doc");
            }
            Default def = c.getAnnotation(Default.class);
            if (c.getType().isPrimitive() && def == null) {
                throw new IllegalStateException("configuration key " + childPath + " is primitive and needs a @Default");
            }
            Env alias = c.getAnnotation(Env.class);
            children.add(new Key(childPath, envName(childPath), alias == null ? null : alias.value(),
                    ValueType.of(c.getGenericType()), def == null ? null : def.value(), doc.value(),
                    c.getAnnotation(Range.class)));
        }
        Doc doc = type.getAnnotation(Doc.class);
        return new Section(path, type, doc == null ? "" : doc.value(), List.copyOf(children));
    }

    /** {@code notifiers.email.fromName} → {@code VIGIL_NOTIFIERS_EMAIL_FROM_NAME}. */
    static String envName(String path) {
        StringBuilder sb = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c) && i > 0 && path.charAt(i - 1) != '.') {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static Section withDocOf(Section s, Doc doc) {
        return doc == null ? s : new Section(s.path(), s.type(), doc.value(), s.children());
    }
}
