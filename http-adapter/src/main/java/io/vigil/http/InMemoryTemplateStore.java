package io.vigil.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Templates in memory; lost on restart. */
public final class InMemoryTemplateStore implements TemplateStore {
    private final ConcurrentMap<String, NotificationTemplate> templates = new ConcurrentHashMap<>();

    @Override
    public List<NotificationTemplate> list() {
        List<NotificationTemplate> all = new ArrayList<>(templates.values());
        all.sort(Comparator.comparing(NotificationTemplate::id));
        return all;
    }

    @Override
    public Optional<NotificationTemplate> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(templates.get(id));
    }

    @Override
    public boolean create(NotificationTemplate template) {
        return templates.putIfAbsent(template.id(), template) == null;
    }

    @Override
    public boolean update(NotificationTemplate template) {
        return templates.computeIfPresent(template.id(), (id, old) -> template) != null;
    }

    @Override
    public boolean delete(String id) {
        return id != null && templates.remove(id) != null;
    }
}
