package io.vigil.examples.server.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration.
 *
 * @param key     the key it is about ({@code http.port}), or the environment variable's name for an
 *                unknown one
 * @param source  where the value came from ({@code VIGIL_HTTP_PORT}, {@code vigil.yaml}), or empty
 * @param message what is wrong, never quoting a secret
 */
public record ConfigProblem(String key, String source, String message) {
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        source = source == null ? "" : source;
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return key + ": " + message + (source.isEmpty() ? "" : " (from " + source + ")");
    }
}
