package io.vigil.notifiers.internal;

import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.NotifierContext;

import java.time.Duration;
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
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

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

    /** A duration written {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = text(key);
        return v.isEmpty() ? defaultValue : parseDuration(key, v.get());
    }

    static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            switch (unit) {
                case "ms": return Duration.ofMillis(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofSeconds(n);
            }
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting " + key + " must be a duration such as 500ms, 10s or PT10S");
        }
    }
}
