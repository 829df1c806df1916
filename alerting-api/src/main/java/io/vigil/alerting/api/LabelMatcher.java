package io.vigil.alerting.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition on one label of a series, as in PromQL selectors. Seed 000's {@code tags} are
 * equality matchers. A missing label reads as the empty string, so {@code env!="prod"} matches a
 * series without {@code env}.
 */
public final class LabelMatcher {
    /** How the label value is compared. */
    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Optional<Type> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Type type : values()) {
                if (type.symbol.equals(t) || type.name().toLowerCase(Locale.ROOT).equals(t)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    private final String name;
    private final Type type;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String name, Type type, String value) {
        this.name = name;
        this.type = type;
        this.value = value;
        Pattern compiled = null;
        if (type == Type.REGEX || type == Type.NOT_REGEX) {
            try {
                compiled = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw AlertingException.invalid(java.util.List.of(new ValidationError(
                        ErrorCode.INVALID_FIELD, "labels." + name, "not a valid regular expression: " + e.getDescription())));
            }
        }
        this.pattern = compiled;
    }

    public static LabelMatcher of(String name, Type type, String value) {
        if (name == null || name.isBlank()) {
            throw AlertingException.invalid(java.util.List.of(
                    new ValidationError(ErrorCode.MISSING_FIELD, "labels", "a label matcher needs a label name")));
        }
        return new LabelMatcher(name, Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "value"));
    }

    public static LabelMatcher equal(String name, String value) {
        return of(name, Type.EQUAL, value);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String value() {
        return value;
    }

    public boolean matches(Labels labels) {
        String actual = labels.get(name);
        String v = actual == null ? "" : actual;
        switch (type) {
            case EQUAL: return v.equals(value);
            case NOT_EQUAL: return !v.equals(value);
            case REGEX: return pattern.matcher(v).matches();
            default: return !pattern.matcher(v).matches();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && name.equals(m.name) && type == m.type && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + type.symbol + '"' + value + '"';
    }
}
