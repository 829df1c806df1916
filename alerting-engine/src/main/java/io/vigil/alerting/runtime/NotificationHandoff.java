package io.vigil.alerting.runtime;

import io.vigil.alerting.spi.NotificationRequest;

/**
 * Where the runtime hands notification requests. Called on the evaluation thread, so an
 * implementation must only queue the request (write its outbox entries) and return: it must never
 * wait for a network call. Exceptions are caught, counted ({@code vigil.failures.handoff}) and do
 * not stop evaluation.
 */
@FunctionalInterface
public interface NotificationHandoff {

    void handOff(NotificationRequest request);

    /** Drops every request; for hosts that only want records. */
    static NotificationHandoff none() {
        return request -> { };
    }
}
