package io.vigil.alerting.runtime;

import java.util.Objects;

/**
 * Who made a change: a user id and a display name (seed 003 {@code acknowledgedBy},
 * {@code acknowledgedByName}). Automatic changes are made by {@link #system()}.
 */
public record Actor(String id, String name) {
    private static final Actor SYSTEM = new Actor("system", "Vigil");

    public Actor {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
    }

    public static Actor of(String id) {
        return new Actor(id, id);
    }

    public static Actor system() {
        return SYSTEM;
    }
}
