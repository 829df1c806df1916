package io.vigil.http;

import java.util.List;
import java.util.Optional;

/**
 * Where seed 002's notification channels live. Implementations must be thread-safe; the default is
 * {@link InMemoryChannelStore}. A durable store (the JDBC store, the notifiers' configuration) can
 * be plugged in through {@link HttpOptions.Builder#channelStore}.
 */
public interface ChannelStore {

    /** Every channel, ordered by name then id. */
    List<NotificationChannel> list();

    Optional<NotificationChannel> find(String id);

    /** Stores a new channel; its id is unique (the adapter generates it). */
    NotificationChannel create(NotificationChannel channel);

    /** Replaces a channel; empty if there is none with that id. */
    Optional<NotificationChannel> update(NotificationChannel channel);

    /** Deletes a channel; false if there was none. */
    boolean delete(String id);
}
