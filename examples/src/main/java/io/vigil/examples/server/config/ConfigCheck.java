package io.vigil.examples.server.config;

import java.util.function.BiConsumer;

/**
 * Implemented by configuration sections whose keys must agree with each other. The binder calls
 * it once the section's keys are read and converted.
 */
public interface ConfigCheck {

    /**
     * Reports each problem as {@code problem.accept(key, message)}, with the key relative to the
     * section ({@code port}, not {@code http.port}).
     */
    void check(BiConsumer<String, String> problem);
}
