package io.vigil.notifiers.sms;

import io.vigil.alerting.spi.DeliveryResult;

/**
 * Sends text messages through one SMS service. Made by an {@link SmsProviderFactory}. Like a
 * notifier it makes one attempt per call, never throws for delivery problems and may be called
 * from several threads at once.
 */
public interface SmsProvider extends AutoCloseable {

    /**
     * Sends {@code text} to {@code phoneNumber} (as configured on the rule, e.g. {@code +8613800000000}).
     * A refused number is {@link DeliveryResult.Outcome#PERMANENT}; an unreachable service is
     * {@link DeliveryResult.Outcome#RETRYABLE}.
     */
    DeliveryResult send(String phoneNumber, String text);

    @Override
    default void close() {
    }
}
