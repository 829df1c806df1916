package io.vigil.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Channels in memory; lost on restart. */
public final class InMemoryChannelStore implements ChannelStore {
    private final ConcurrentMap<String, NotificationChannel> channels = new ConcurrentHashMap<>();

    @Override
    public List<NotificationChannel> list() {
        List<NotificationChannel> all = new ArrayList<>(channels.values());
        all.sort(Comparator.comparing(NotificationChannel::name).thenComparing(NotificationChannel::id));
        return all;
    }

    @Override
    public Optional<NotificationChannel> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(channels.get(id));
    }

    @Override
    public NotificationChannel create(NotificationChannel channel) {
        if (channels.putIfAbsent(channel.id(), channel) != null) {
            throw new IllegalStateException("channel id " + channel.id() + " is taken");
        }
        return channel;
    }

    @Override
    public Optional<NotificationChannel> update(NotificationChannel channel) {
        return Optional.ofNullable(channels.computeIfPresent(channel.id(), (id, old) -> channel));
    }

    @Override
    public boolean delete(String id) {
        return id != null && channels.remove(id) != null;
    }
}
