package io.vigil.alerting.api;

import java.util.Objects;

/**
 * One problem found while validating user input.
 *
 * @param code    stable machine-readable code
 * @param path    where the problem is, e.g. {@code conditions[1].threshold}; empty for the whole object
 * @param message what is wrong and, where possible, what would be accepted
 */
public record ValidationError(ErrorCode code, String path, String message) {
    public ValidationError {
        Objects.requireNonNull(code, "code");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** The same error located under {@code prefix} (a parent field or list element). */
    public ValidationError under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        if (path.isEmpty()) {
            return new ValidationError(code, prefix, message);
        }
        String joined = path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new ValidationError(code, joined, message);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? code + ": " + message : code + " at " + path + ": " + message;
    }
}
