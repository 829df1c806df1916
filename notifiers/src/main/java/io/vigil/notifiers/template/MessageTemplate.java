package io.vigil.notifiers.template;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A message template in seed 001's style: text with {@code {variable}} placeholders, such as
 * {@code "**{rule}** is {value} on {labels.host}"}. <code>&#123;&#123;</code> writes a literal brace, so
 * <code>&#123;&#123;rule}</code> renders as {@code {rule}}; any other brace (as in a JSON body) is kept as written.
 *
 * <p>A template has a body and, optionally, a title (subject line, embed title, inbox title) and an
 * HTML body (email). What a template leaves out is taken from the channel's default, so a one-line
 * template from seed 001 still gets a sensible subject.
 *
 * <p>Rendering never throws: an unknown variable stays in the output as written ({@code {nmae}}),
 * so a typo is visible in the message instead of silently vanishing; a known variable without a
 * value (no link, no description) renders empty, and a line whose variables are all empty is left
 * out, so optional lines like {@code Link: {link}} disappear when there is nothing to show.
 */
public final class MessageTemplate {
    private final String id;
    private final String title;
    private final String body;
    private final String html;
    private final TemplateText parsedTitle;
    private final TemplateText parsedBody;
    private final TemplateText parsedHtml;

    private MessageTemplate(String id, String title, String body, String html) {
        if (id == null || id.isBlank()) {
            throw AlertingException.invalid(List.of(new ValidationError(ErrorCode.MISSING_FIELD, "id",
                    "a template needs an id")));
        }
        if (title == null && body == null && html == null) {
            throw AlertingException.invalid(List.of(new ValidationError(ErrorCode.MISSING_FIELD, "template",
                    "template '" + id + "' has neither title nor body")));
        }
        this.id = id;
        this.title = title;
        this.body = body;
        this.html = html;
        this.parsedTitle = title == null ? null : TemplateText.parse(title);
        this.parsedBody = body == null ? null : TemplateText.parse(body);
        this.parsedHtml = html == null ? null : TemplateText.parse(html);
    }

    /** A template with only a body (seed 001 {@code template}). */
    public static MessageTemplate of(String id, String body) {
        return new MessageTemplate(id, null, Objects.requireNonNull(body, "body"), null);
    }

    /** A template with a title and a body. */
    public static MessageTemplate of(String id, String title, String body) {
        return new MessageTemplate(id, title, body, null);
    }

    /** A template with a title, a text body and an HTML body; any may be {@code null} but not all. */
    public static MessageTemplate of(String id, String title, String body, String html) {
        return new MessageTemplate(id, title, body, html);
    }

    public String id() {
        return id;
    }

    /** The title text, or {@code null}. */
    public String title() {
        return title;
    }

    /** The body text, or {@code null}. */
    public String body() {
        return body;
    }

    /** The HTML body, or {@code null}. */
    public String html() {
        return html;
    }

    TemplateText parsedTitle() {
        return parsedTitle;
    }

    TemplateText parsedBody() {
        return parsedBody;
    }

    TemplateText parsedHtml() {
        return parsedHtml;
    }

    /** The variable names this template uses, in order of first use (seed 001 {@code variables}). */
    public List<String> variables() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (TemplateText t : new TemplateText[] {parsedTitle, parsedBody, parsedHtml}) {
            if (t != null) {
                names.addAll(t.variables());
            }
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "MessageTemplate[" + id + "]";
    }
}
