package io.vigil.notifiers.template;

import io.vigil.alerting.spi.Notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders a {@link Notification} with the template its channel settings choose (see
 * {@link TemplateRegistry} for the lookup order) into a target {@link TextFormat}. Never throws
 * for anything a template or an alert contains.
 */
public final class MessageRenderer {
    private final TemplateRegistry registry;

    public MessageRenderer(TemplateRegistry registry) {
        this.registry = registry;
    }

    public TemplateRegistry registry() {
        return registry;
    }

    /** Title and body, with values escaped for {@code format}. */
    public RenderedMessage render(Notification n, TextFormat format, Instant now) {
        Map<String, String> vars = TemplateVariables.of(n, now);
        List<MessageTemplate> chain = registry.chain(n.settings().template(), n.channel(), n.kind());
        UnaryOperator<String> escape = format::escape;
        String title = null;
        String body = null;
        for (MessageTemplate t : chain) {
            if (title == null && t.parsedTitle() != null) {
                title = t.parsedTitle().render(vars, escape, UnaryOperator.identity(), " ");
            }
            if (body == null && t.parsedBody() != null) {
                body = t.parsedBody().render(vars, escape, UnaryOperator.identity(), "\n");
            }
        }
        // Only reachable when someone removed the built-ins: still say something.
        return new RenderedMessage(title != null ? title : format.escape(n.message().ruleName()),
                body != null ? body : "");
    }

    /**
     * An HTML body fragment: the template's HTML body with HTML-escaped values if it has one,
     * otherwise its text body with everything escaped and line breaks kept.
     */
    public String html(Notification n, Instant now) {
        Map<String, String> vars = TemplateVariables.of(n, now);
        UnaryOperator<String> escape = TextFormat.HTML::escape;
        for (MessageTemplate t : registry.chain(n.settings().template(), n.channel(), n.kind())) {
            if (t.parsedHtml() != null) {
                return t.parsedHtml().render(vars, escape, UnaryOperator.identity(), "\n");
            }
            if (t.parsedBody() != null) {
                return t.parsedBody().render(vars, escape, escape, "<br>\n");
            }
        }
        return "";
    }
}
