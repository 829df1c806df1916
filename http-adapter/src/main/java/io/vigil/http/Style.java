package io.vigil.http;

/**
 * The response conventions of the seed an endpoint comes from. Status codes are the same for all;
 * bodies differ so that each seed's clients read what their documents promise.
 */
enum Style {
    /** Seed 003 (and Vigil's other {@code /api/v1} APIs): {@code {code, message, data}}. */
    ENVELOPE,
    /** Seeds 000 and 001: the object itself; errors as FastAPI writes them, {@code {detail, status_code}}. */
    PLAIN,
    /** Seed 004: {@code {timestamp, resource_type, data, metadata}}; errors as {@code {error: {code, message}}}. */
    KCLOUD;

    /** The style of a path no route matched, so that even a 404 looks like its neighbours. */
    static Style forPath(String path) {
        if (path.startsWith("/api/alerts") || path.equals("/health") || path.startsWith("/health/")) {
            return PLAIN;
        }
        if (path.startsWith("/api/v1/accelerators") || path.startsWith("/api/v1/hardware")
                || path.startsWith("/api/v1/system")) {
            return KCLOUD;
        }
        return ENVELOPE;
    }
}
