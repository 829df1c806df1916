package io.vigil.notifiers.template;

import io.vigil.alerting.api.NotificationKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message templates by id (seed 001's template list; seed 003's {@code defaultTemplates} and a
 * rule's {@code template} refer to these ids). Thread-safe; templates can be changed while
 * notifications are being sent.
 *
 * <p>Which template a notification uses, for channel {@code C}, kind {@code K} and the template id
 * {@code T} chosen by the rule or the configuration (if any), is the first that exists of
 * {@code T.K}, {@code T}, {@code C.K}, {@code default.K}. Title, body and HTML body are looked up
 * along that chain separately, so a template that only has a body keeps the default title.
 */
public final class TemplateRegistry {
    private final Map<String, MessageTemplate> templates = new ConcurrentHashMap<>();

    private TemplateRegistry() {
    }

    /** A registry holding the built-in templates. */
    public static TemplateRegistry withDefaults() {
        TemplateRegistry r = new TemplateRegistry();
        DefaultTemplates.all().forEach(r::register);
        return r;
    }

    /** Adds or replaces a template; returns this registry. */
    public TemplateRegistry register(MessageTemplate template) {
        templates.put(template.id(), Objects.requireNonNull(template, "template"));
        return this;
    }

    /** Removes a template; false if there was none. Removing a built-in restores nothing: the chain falls through. */
    public boolean remove(String id) {
        return templates.remove(id) != null;
    }

    public Optional<MessageTemplate> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    /** All templates, ordered by id. */
    public List<MessageTemplate> all() {
        List<MessageTemplate> list = new ArrayList<>(templates.values());
        list.sort(Comparator.comparing(MessageTemplate::id));
        return list;
    }

    /** The templates to try in order for {@code channel} and {@code kind}, starting from {@code templateId} if given. */
    List<MessageTemplate> chain(String templateId, String channel, NotificationKind kind) {
        List<MessageTemplate> chain = new ArrayList<>(4);
        if (templateId != null && !templateId.isBlank()) {
            add(chain, templateId + "." + kind.wireName());
            add(chain, templateId);
        }
        add(chain, DefaultTemplates.id(channel, kind));
        add(chain, DefaultTemplates.id("default", kind));
        return chain;
    }

    private void add(List<MessageTemplate> chain, String id) {
        MessageTemplate t = templates.get(id);
        if (t != null) {
            chain.add(t);
        }
    }
}
