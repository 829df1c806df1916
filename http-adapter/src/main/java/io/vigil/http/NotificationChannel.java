package io.vigil.http;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A configured notification channel (seed 002 {@code /notifications/channels}): a named
 * destination of one type (email, Discord, Slack, webhook, SMS, in-app) with its settings, which
 * can be tested and switched on and off.
 *
 * @param id        stable id
 * @param name      display name
 * @param type      the channel type, a {@link Channels} name or a plugin's
 * @param enabled   whether it is in use
 * @param settings  recipients, URL, method, headers, signing secret, template
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record NotificationChannel(String id, String name, String type, boolean enabled, ChannelSettings settings,
                                  Instant createdAt, Instant updatedAt) {
    public NotificationChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        settings = settings == null ? ChannelSettings.defaults() : settings;
        List<ValidationError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new ValidationError(ErrorCode.MISSING_FIELD, "name", "a channel needs a name"));
        } else if (name.length() > 200) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "name", "at most 200 characters"));
        }
        if (!Channels.isValidName(type)) {
            errors.add(new ValidationError(type == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD, "type",
                    "a channel type such as email, sms, webhook, inApp, discord or slack"));
        }
        if (!errors.isEmpty()) {
            throw AlertingException.invalid(errors);
        }
    }

    public NotificationChannel withEnabled(boolean newEnabled, Instant at) {
        return new NotificationChannel(id, name, type, newEnabled, settings, createdAt, at);
    }
}
