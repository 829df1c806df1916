package io.vigil.alerting.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Notifier} reports for one attempt. The delivery pipeline decides from it whether
 * to retry; a notifier never retries by itself.
 *
 * @param outcome    delivered, retryable failure or permanent failure
 * @param detail     a short description (a message id, or the error); never a secret
 * @param retryAfter the peer's requested wait (HTTP 429 {@code Retry-After}), or {@code null}
 */
public record DeliveryResult(Outcome outcome, String detail, Duration retryAfter) {

    /** How an attempt ended. */
    public enum Outcome {
        /** The channel accepted the message. */
        DELIVERED,
        /** A passing failure (timeout, 5xx, 429, connection refused): worth another try. */
        RETRYABLE,
        /** A failure another try cannot fix (4xx, bad address, authentication refused). */
        PERMANENT
    }

    public DeliveryResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static DeliveryResult delivered(String detail) {
        return new DeliveryResult(Outcome.DELIVERED, detail, null);
    }

    public static DeliveryResult retryable(String error) {
        return new DeliveryResult(Outcome.RETRYABLE, error, null);
    }

    public static DeliveryResult retryableAfter(String error, Duration retryAfter) {
        return new DeliveryResult(Outcome.RETRYABLE, error, retryAfter);
    }

    public static DeliveryResult permanent(String error) {
        return new DeliveryResult(Outcome.PERMANENT, error, null);
    }

    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }
}
