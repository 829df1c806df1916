package io.vigil.http;

import io.vigil.notifiers.template.MessageTemplate;
import io.vigil.notifiers.template.TemplateRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Templates edited over HTTP that notifications use: each is registered in the notifiers'
 * {@link TemplateRegistry} under its id (so a rule's or the configuration's template id, or a
 * {@code <channel>.<kind>} id such as {@code discord.firing}, picks it up at once), and its
 * description, channel and variables are kept beside it. Built-in templates are not listed; one
 * created with a built-in's id replaces it, and deleting it lets the lookup fall through to the
 * next template in the notifiers' chain.
 */
public final class RegistryTemplateStore implements TemplateStore {
    private final TemplateRegistry registry;
    private final Map<String, NotificationTemplate> templates = new ConcurrentHashMap<>();

    public RegistryTemplateStore(TemplateRegistry registry) {
        this.registry = registry;
    }

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
    public synchronized boolean create(NotificationTemplate template) {
        if (templates.containsKey(template.id())) {
            return false;
        }
        registry.register(message(template));
        templates.put(template.id(), template);
        return true;
    }

    @Override
    public synchronized boolean update(NotificationTemplate template) {
        if (!templates.containsKey(template.id())) {
            return false;
        }
        registry.register(message(template));
        templates.put(template.id(), template);
        return true;
    }

    @Override
    public synchronized boolean delete(String id) {
        if (id == null || templates.remove(id) == null) {
            return false;
        }
        registry.remove(id);
        return true;
    }

    private static MessageTemplate message(NotificationTemplate t) {
        return MessageTemplate.of(t.id(), t.title(), t.body(), null);
    }
}
