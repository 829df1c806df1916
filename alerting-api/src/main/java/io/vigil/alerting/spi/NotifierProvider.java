package io.vigil.alerting.spi;

import java.util.Optional;

/**
 * Creates a {@link Notifier}; found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.vigil.alerting.spi.NotifierProvider}.
 */
public interface NotifierProvider {

    /** The channel the created notifier serves. */
    String channel();

    /**
     * Creates the notifier, or returns empty with nothing thrown when the channel is not
     * configured in {@code context} (no SMTP server, no webhook URL).
     */
    Optional<Notifier> create(NotifierContext context);
}
