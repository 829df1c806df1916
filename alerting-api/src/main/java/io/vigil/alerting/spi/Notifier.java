package io.vigil.alerting.spi;

/**
 * Sends notifications over one channel. Implementations make one attempt per call and report how
 * it went; retries, backoff, quiet hours and records are the delivery pipeline's job. A notifier
 * may be called from several threads at once.
 */
public interface Notifier extends AutoCloseable {

    /** The channel this notifier serves ({@code email}, {@code discord}, ...). */
    String channel();

    /** Makes one delivery attempt. Must not throw for delivery problems: report them in the result. */
    DeliveryResult send(Notification notification);

    /** Releases connections and threads. */
    @Override
    default void close() {
    }
}
