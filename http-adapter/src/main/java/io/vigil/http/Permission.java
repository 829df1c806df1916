package io.vigil.http;

import java.util.Locale;

/**
 * What a principal may do. Seed 003 names {@code alert:read} and {@code alert:write}; Vigil adds
 * {@code alert:export} (seed 003's IT manager "exports reports": CSV reports) and
 * {@code metrics:write} (pushing samples to {@code POST /api/v1/metrics}), so that a host that
 * only pushes metrics holds a key that can change nothing else.
 */
public enum Permission {
    /** Read rules, records, statistics, notification settings, hardware readings and events. */
    ALERT_READ("alert:read"),
    /** Create, change and delete rules; acknowledge, resolve and ignore alerts; notification settings. */
    ALERT_WRITE("alert:write"),
    /** Download reports (records and statistics as CSV). */
    ALERT_EXPORT("alert:export"),
    /** Push samples. */
    METRICS_WRITE("metrics:write");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    /** The seed's spelling, {@code alert:read}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }

    /** Parses {@code alert:read} (or the enum name), case-insensitively. */
    public static Permission parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Permission p : values()) {
            if (p.wireName.equals(t) || p.name().toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown permission '" + text + "'; one of alert:read, alert:write, "
                + "alert:export, metrics:write");
    }
}
