package io.vigil.http;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message template (seed 001 {@code /webhooks/templates}, served at
 * {@code /api/v1/notifications/templates}): text with {@code {variable}} placeholders in seed 001's
 * style, <code>&#123;&#123;</code> for a literal brace.
 *
 * @param id          stable id, referred to by rules and {@code defaultTemplates} ({@code posco_news_alert})
 * @param name        display name
 * @param description free text, or {@code null}
 * @param channel     the channel it is written for ({@code discord}), or {@code null} for any
 * @param title       title or subject line, or {@code null}
 * @param body        the message text
 * @param variables   the variables the text uses, in order of first use
 * @param createdAt   when created
 * @param updatedAt   when last changed
 */
public record NotificationTemplate(String id, String name, String description, String channel, String title,
                                   String body, List<String> variables, Instant createdAt, Instant updatedAt) {
    /** Ids are what rules and configurations refer to: short and plain. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}");
    /** Templates are messages, not documents. */
    public static final int MAX_TEXT = 20_000;

    public NotificationTemplate {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        variables = variables == null ? List.of() : List.copyOf(variables);
        List<ValidationError> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new ValidationError(id == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD, "id",
                    "1 to 100 letters, digits, '_', '.' or '-', starting with a letter or digit"));
        }
        if (name == null || name.isBlank()) {
            errors.add(new ValidationError(ErrorCode.MISSING_FIELD, "name", "a template needs a name"));
        } else if (name.length() > 200) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "name", "at most 200 characters"));
        }
        if (channel != null && !Channels.isValidName(channel)) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "channel", "a channel name such as discord or email"));
        }
        if (body == null || body.isEmpty()) {
            errors.add(new ValidationError(ErrorCode.MISSING_FIELD, "template", "the template text must not be empty"));
        } else if (body.length() > MAX_TEXT) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "template", "at most " + MAX_TEXT + " characters"));
        }
        if (title != null && title.length() > 1000) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "title", "at most 1000 characters"));
        }
        if (description != null && description.length() > 2000) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "description", "at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw AlertingException.invalid(errors);
        }
    }
}
