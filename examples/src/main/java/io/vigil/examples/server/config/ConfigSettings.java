package io.vigil.examples.server.config;

import io.vigil.alerting.api.Secret;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keys with an {@link Env} alias name a setting of another component (the notifiers read
 * {@code SMTP_SERVER}); this turns a bound section back into those settings.
 */
final class ConfigSettings {
    private ConfigSettings() {
    }

    /** Alias → value as text, for every aliased key of {@code section} (and below) that is set. */
    static Map<String, String> byAlias(Record section) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(section, out);
        return out;
    }

    private static void collect(Record section, Map<String, String> out) {
        for (RecordComponent c : section.getClass().getRecordComponents()) {
            Object value = read(c, section);
            if (value instanceof Record nested) {
                collect(nested, out);
                continue;
            }
            Env alias = c.getAnnotation(Env.class);
            if (alias != null && value != null && !(value instanceof List<?> l && l.isEmpty())) {
                out.put(alias.value(), text(value));
            }
        }
    }

    /** Every alias declared in {@code type} and below. */
    static Set<String> aliases(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType().isRecord()) {
                out.addAll(aliases(c.getType()));
            } else if (c.isAnnotationPresent(Env.class)) {
                out.add(c.getAnnotation(Env.class).value());
            }
        }
        return out;
    }

    /** The key path of the component aliased {@code alias} in {@code type}, whose path is {@code prefix}. */
    static Optional<String> keyOfAlias(Class<?> type, String prefix, String alias) {
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix + "." + c.getName();
            if (c.getType().isRecord()) {
                Optional<String> found = keyOfAlias(c.getType(), path, alias);
                if (found.isPresent()) {
                    return found;
                }
            } else if (c.isAnnotationPresent(Env.class) && c.getAnnotation(Env.class).value().equals(alias)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private static String text(Object value) {
        if (value instanceof Secret s) {
            return s.reveal();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static Object read(RecordComponent c, Record owner) {
        try {
            return c.getAccessor().invoke(owner);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
