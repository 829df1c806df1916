package io.vigil.notifiers.internal;

import io.vigil.alerting.api.DurationText;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.NotifierContext;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the env-style settings ({@code SMTP_PORT}, {@code HTTP_READ_TIMEOUT}, ...) a channel is
 * configured with. A malformed value is a configuration error that the host must see at start-up,
 * so it throws {@link IllegalArgumentException} naming the key (never the value: it may be secret).
 */
public final class Settings {
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final NotifierContext context;

    public Settings(NotifierContext context) {
        this.context = context;
    }

    /** The trimmed value, or empty when absent or blank. */
    public Optional<String> text(String key) {
        return context.setting(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Optional<Secret> secret(String key) {
        return context.setting(key).filter(v -> !v.isEmpty()).map(Secret::of);
    }

    public int integer(String key, int defaultValue) {
        Optional<String> v = text(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number");
        }
    }

    /**
     * A duration in any form {@link DurationText#parse} reads ({@code 500ms}, {@code 10s}, {@code 2m},
     * {@code 1h30m}, ISO-8601), or, as env-style settings have always allowed, a bare number of seconds,
     * a space before the unit ({@code 10 s}) and upper-case units ({@code 10S}). Negative durations are refused.
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = text(key);
        return v.isEmpty() ? defaultValue : parseDuration(key, v.get());
    }

    static Duration parseDuration(String key, String text) {
        Duration d;
        try {
            d = DurationText.parse(settingsSpelling(text), ChronoUnit.FOREVER.getDuration());
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null || d.isNegative()) {
            // The value is left out of the message on purpose: a misplaced setting may hold a secret.
            throw new IllegalArgumentException("setting " + key + " must be a duration such as 500ms, 10s or PT10S");
        }
        return d;
    }

    /** The settings' own leniencies rewritten into the shared syntax: {@code 10} and {@code 10 S} become {@code 10s}. */
    private static String settingsSpelling(String text) {
        Matcher m = NUMBER_AND_UNIT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return text;
        }
        return m.group(1) + (m.group(2) == null ? "s" : m.group(2));
    }
}
