package io.vigil.alerting.api;

import java.util.Objects;

/**
 * The object a rule watches (seed 003 {@code scope}, {@code scopeId}, {@code scopeName}).
 *
 * @param type global, vm, group or cluster
 * @param id   the scope object's id, required unless global; matched against the label {@code type}
 * @param name a display name, or {@code null}
 */
public record Scope(ScopeType type, String id, String name) {
    private static final Scope GLOBAL = new Scope(ScopeType.GLOBAL, null, null);

    public Scope {
        Objects.requireNonNull(type, "type");
        if (type == ScopeType.GLOBAL && id != null) {
            throw AlertingException.invalid(java.util.List.of(
                    new ValidationError(ErrorCode.INVALID_FIELD, "scopeId", "a global scope has no scope id")));
        }
        if (type != ScopeType.GLOBAL && (id == null || id.isBlank())) {
            throw AlertingException.invalid(java.util.List.of(
                    new ValidationError(ErrorCode.MISSING_FIELD, "scopeId", "scope '" + type.wireName() + "' needs a scope id")));
        }
    }

    public static Scope global() {
        return GLOBAL;
    }

    public static Scope vm(String id) {
        return new Scope(ScopeType.VM, id, null);
    }

    public static Scope group(String id) {
        return new Scope(ScopeType.GROUP, id, null);
    }

    public static Scope cluster(String id) {
        return new Scope(ScopeType.CLUSTER, id, null);
    }

    public boolean isGlobal() {
        return type == ScopeType.GLOBAL;
    }

    /** Whether a series with these labels belongs to this scope. */
    public boolean matches(Labels labels) {
        return type == ScopeType.GLOBAL || id.equals(labels.get(type.labelName()));
    }
}
