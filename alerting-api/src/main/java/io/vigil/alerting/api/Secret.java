package io.vigil.alerting.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password, API key or signing secret. Its {@link #toString()} never shows the value, so a
 * secret that ends up in a log line, an exception message or a debug dump stays hidden; only
 * {@link #reveal()} gives it out, at the one place that must send it.
 */
public final class Secret {
    /** What exports and API responses show in place of a secret. */
    public static final String REDACTED = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** A secret from text that may be absent: {@code null} or empty gives {@code null}. */
    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** The secret itself. Call only where it is sent; never log the result. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison, so the time taken does not tell how much of a guess was right. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
