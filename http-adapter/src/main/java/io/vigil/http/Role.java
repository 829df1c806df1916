package io.vigil.http;

import java.util.EnumSet;
import java.util.Set;

/** The roles seed 003 names, as sets of permissions, plus one for hosts that only push metrics. */
public enum Role {
    /** System administrator: everything. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** Operations engineer: creates and edits rules, acknowledges alerts. */
    OPS_ENGINEER(EnumSet.of(Permission.ALERT_READ, Permission.ALERT_WRITE)),
    /** IT manager: views statistics and exports reports. */
    IT_MANAGER(EnumSet.of(Permission.ALERT_READ, Permission.ALERT_EXPORT)),
    /** Security engineer: watches (security) alerts. */
    SECURITY_ENGINEER(EnumSet.of(Permission.ALERT_READ)),
    /** A host pushing samples to {@code POST /api/v1/metrics} and nothing else. */
    METRICS_PUSHER(EnumSet.of(Permission.METRICS_WRITE));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
