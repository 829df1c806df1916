package io.vigil.http;

import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.NotificationRecord;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where the adapter sends test notifications (seed 003 {@code POST notifications/test}, seed 002
 * {@code POST channels/{id}/test}). The notifiers module's {@code NotificationDispatcher} has this
 * shape ({@code channels()} and {@code test(channel, recipient, settings)}), so a host wires it as
 * {@code gateway(NotificationGateway.of(dispatcher::channels, dispatcher::test))}.
 */
public interface NotificationGateway {

    /** The channels that can send ({@code email}, {@code discord}, ...). */
    Set<String> channels();

    /**
     * Sends a test notification through the normal delivery path; the future completes with the
     * notification's record once it is {@code sent} or {@code failed}.
     *
     * @param settings the channel settings to use (a seed 002 channel's), or {@code null} for the defaults
     */
    CompletableFuture<NotificationRecord> test(String channel, String recipient, ChannelSettings settings);

    /** A gateway made of two functions, for method references. */
    static NotificationGateway of(java.util.function.Supplier<Set<String>> channels, TestSender sender) {
        return new NotificationGateway() {
            @Override
            public Set<String> channels() {
                return channels.get();
            }

            @Override
            public CompletableFuture<NotificationRecord> test(String channel, String recipient, ChannelSettings settings) {
                return sender.test(channel, recipient, settings);
            }
        };
    }

    /** The sending half of a gateway. */
    @FunctionalInterface
    interface TestSender {
        CompletableFuture<NotificationRecord> test(String channel, String recipient, ChannelSettings settings);
    }
}
