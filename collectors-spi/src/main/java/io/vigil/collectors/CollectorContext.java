package io.vigil.collectors;

import io.vigil.alerting.api.Labels;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a collector is created with: its configuration properties (keys without the collector's
 * prefix), the clock, the host identity labels every sample carries, and its health record.
 */
public final class CollectorContext {
    private final Map<String, String> properties;
    private final Clock clock;
    private final Labels hostLabels;
    private final CollectorHealth health;

    private CollectorContext(Builder b) {
        this.properties = Map.copyOf(b.properties);
        this.clock = b.clock;
        this.hostLabels = b.hostLabels;
        this.health = b.health != null ? b.health : new CollectorHealth(b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, String> properties() {
        return properties;
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key)).filter(v -> !v.isBlank());
    }

    public String property(String key, String defaultValue) {
        return property(key).orElse(defaultValue);
    }

    /** A duration property written as ISO-8601 ({@code PT10S}) or as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    public Duration durationProperty(String key, Duration defaultValue) {
        Optional<String> raw = property(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            switch (v.charAt(v.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("property '" + key + "' is not a duration: '" + v + "'");
    }

    public Clock clock() {
        return clock;
    }

    /** Labels that identify this host ({@code host} and configured extras); every sample carries them. */
    public Labels hostLabels() {
        return hostLabels;
    }

    public CollectorHealth health() {
        return health;
    }

    public static final class Builder {
        private final Map<String, String> properties = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private Labels hostLabels = Labels.empty();
        private CollectorHealth health;

        private Builder() {
        }

        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder hostLabels(Labels labels) {
            this.hostLabels = Objects.requireNonNull(labels);
            return this;
        }

        public Builder health(CollectorHealth health) {
            this.health = health;
            return this;
        }

        public CollectorContext build() {
            return new CollectorContext(this);
        }
    }
}
