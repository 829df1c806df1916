package io.vigil.http;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the identity behind an API key or a Basic user. Its id and name are recorded as
 * the actor of every change it makes (seed 003 {@code createdBy}, {@code acknowledgedBy},
 * {@code acknowledgedByName}).
 *
 * @param id          stable id ({@code usr_002}, {@code ci-bot})
 * @param name        display name ({@code 运维工程师}, {@code Ops engineer})
 * @param permissions what it may do
 */
public record Principal(String id, String name, Set<Permission> permissions) {
    public Principal {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a principal needs an id");
        }
        name = name == null || name.isBlank() ? id : name;
        permissions = Set.copyOf(permissions);
    }

    public static Principal of(String id, Role role) {
        return new Principal(id, id, role.permissions());
    }

    public static Principal of(String id, String name, Role role) {
        return new Principal(id, name, role.permissions());
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
