package io.vigil.examples.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.examples.server.config.ConfigSchema.Key;
import io.vigil.examples.server.config.ConfigSchema.Node;
import io.vigil.examples.server.config.ConfigSchema.Section;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds configuration records from a parsed file, the environment and command-line overrides.
 *
 * <p>For each key the first of these that is set wins: a command-line override, the key's
 * {@code VIGIL_...} environment variable, its {@link Env} alias, the file, its {@link Default}.
 * Empty environment variables count as unset (shells and {@code .env} templates leave them
 * empty). Unknown keys in the file and unknown {@code VIGIL_...} variables are errors; every
 * problem is collected and reported at once in a {@link ConfigException}.
 */
public final class ConfigBinder {
    /** Environment variables that start with {@link ConfigSchema#ENV_PREFIX} but are not keys. */
    private static final Set<String> NOT_KEYS = Set.of("VIGIL_CONFIG");

    private final Map<String, String> env;
    private final Map<String, String> overrides;
    private final String fileName;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigBinder(Map<String, String> env, Map<String, String> overrides, String fileName) {
        this.env = env;
        this.overrides = overrides;
        this.fileName = fileName;
    }

    /**
     * Binds {@code type} from {@code file} (the parsed document, or {@code null} when there is
     * none), the environment and {@code overrides} (key path to text, from the command line).
     *
     * @param fileName how problems name the file ({@code vigil.yaml})
     * @throws ConfigException listing every problem
     */
    public static <T extends Record> T bind(Class<T> type, JsonNode file, String fileName, Map<String, String> env,
                                            Map<String, String> overrides) {
        Section schema = ConfigSchema.of(type);
        ConfigBinder binder = new ConfigBinder(Map.copyOf(env), Map.copyOf(overrides), Objects.requireNonNullElse(fileName, "the file"));
        binder.checkNames(schema);
        Object bound = binder.section(schema, file);
        if (!binder.problems.isEmpty()) {
            throw new ConfigException(binder.problems);
        }
        return type.cast(bound);
    }

    private void checkNames(Section schema) {
        Set<String> envNames = new TreeSet<>();
        Set<String> paths = new TreeSet<>();
        for (Key k : schema.keys()) {
            envNames.add(k.envName());
            paths.add(k.path());
        }
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(ConfigSchema.ENV_PREFIX) && !NOT_KEYS.contains(name) && !envNames.contains(name)) {
                problems.add(new ConfigProblem(name, "the environment", "no such setting" + Suggestions.didYouMean(name, envNames)));
            }
        }
        for (String key : overrides.keySet()) {
            if (!paths.contains(key)) {
                problems.add(new ConfigProblem(key, "the command line", "no such key" + Suggestions.didYouMean(key, paths)));
            }
        }
    }

    private Object section(Section s, JsonNode node) {
        int before = problems.size();
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add(new ConfigProblem(s.path().isEmpty() ? "(top level)" : s.path(), fileName,
                    "must be a mapping of keys, found " + ValueType.kind(node)));
            node = null;
        }
        if (node != null && node.isObject()) {
            rejectUnknown(s, node);
        }
        RecordComponent[] components = s.type().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Node child = s.children().get(i);
            JsonNode childNode = node == null ? null : node.get(child.name());
            args[i] = child instanceof Section sub ? section(sub, childNode) : key((Key) child, childNode);
        }
        if (problems.size() > before) {
            return null;
        }
        Object instance = construct(s.type(), components, args);
        if (instance instanceof ConfigCheck check) {
            check.check((key, message) -> problems.add(new ConfigProblem(
                    s.path().isEmpty() ? key : s.path() + "." + key, "", message)));
        }
        return instance;
    }

    private void rejectUnknown(Section s, JsonNode node) {
        List<String> known = s.children().stream().map(Node::name).toList();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String path = s.path().isEmpty() ? name : s.path() + "." + name;
                problems.add(new ConfigProblem(path, fileName, "unknown key" + Suggestions.didYouMean(name, known)
                        + "; the keys here are " + String.join(", ", known)));
            }
        }
    }

    private Object key(Key k, JsonNode fileValue) {
        try {
            Object value;
            if (overrides.containsKey(k.path())) {
                value = k.type().fromText(overrides.get(k.path()));
            } else if (isSet(k.envName())) {
                value = k.type().fromText(env.get(k.envName()));
            } else if (k.alias() != null && isSet(k.alias())) {
                value = k.type().fromText(env.get(k.alias()));
            } else if (fileValue != null && !fileValue.isNull()) {
                value = k.type().fromNode(fileValue);
            } else if (k.defaultText() != null) {
                value = k.type().fromText(k.defaultText());
            } else {
                return k.type().absent();
            }
            return inRange(k, value);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(k.path(), sourceOf(k, fileValue), e.getMessage()));
            return null;
        }
    }

    private String sourceOf(Key k, JsonNode fileValue) {
        if (overrides.containsKey(k.path())) {
            return "the command line";
        }
        if (isSet(k.envName())) {
            return k.envName();
        }
        if (k.alias() != null && isSet(k.alias())) {
            return k.alias();
        }
        return fileValue != null && !fileValue.isNull() ? fileName : "the default";
    }

    private boolean isSet(String envName) {
        String v = env.get(envName);
        return v != null && !v.isEmpty();
    }

    private static Object inRange(Key k, Object value) {
        if (k.range() != null && value instanceof Integer n && (n < k.range().min() || n > k.range().max())) {
            throw new IllegalArgumentException("must be from " + k.range().min() + " to " + k.range().max() + ", was " + n);
        }
        return value;
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] args) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // Compact constructors normalise; checks that users can fail belong in ConfigCheck.
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
