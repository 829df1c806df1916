package io.vigil.collectors;

import io.vigil.alerting.api.DurationText;
import io.vigil.alerting.api.Labels;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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

    /**
     * A duration property in any form {@link DurationText#parse} reads: {@code 500ms}, {@code 10s},
     * {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 2d} or ISO-8601 ({@code PT10S}). A negative or
     * unrepresentable duration is refused like a malformed one, with an
     * {@link IllegalArgumentException} naming the key.
     */
    public Duration durationProperty(String key, Duration defaultValue) {
        Optional<String> raw = property(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim();
        Duration parsed = parseDuration(v);
        if (parsed == null || parsed.isNegative()) {
            throw new IllegalArgumentException("property '" + key + "' is not a duration"
                    + " (like 500ms, 10s, 5m, 1h or PT10S): '" + v + "'");
        }
        return parsed;
    }

    private static Duration parseDuration(String v) {
        try {
            return DurationText.parse(v, ChronoUnit.FOREVER.getDuration());
        } catch (IllegalArgumentException e) {
            return null; // the caller names the key in its error
        }
    }

    /**
     * A comma-separated list property ({@code exclude.mounts=/proc, /sys}): items trimmed, empty
     * items dropped. An explicitly empty value gives an empty list, so a default can be switched off.
     */
    public List<String> listProperty(String key, List<String> defaultValue) {
        String raw = properties.get(key);
        if (raw == null) {
            return defaultValue;
        }
        List<String> items = new ArrayList<>();
        for (String item : raw.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }

    /** A boolean property, {@code true} or {@code false} in any case; anything else is refused. */
    public boolean booleanProperty(String key, boolean defaultValue) {
        Optional<String> raw = property(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("property '" + key + "' is not true or false: '" + v + "'");
    }

    /**
     * The properties whose keys start with {@code prefix}, keyed by the rest of the key
     * ({@code labels.} gives {@code {"rack": "r1"}} for {@code labels.rack=r1}), in key order.
     */
    public Map<String, String> propertiesWithPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                found.put(k.substring(prefix.length()), v);
            }
        });
        return Collections.unmodifiableMap(found);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Labels that identify this host ({@code host} and configured extras); every sample carries them.
     * The runtime's sink ({@link SampleBuffer}) adds them to every sample, so a collector need not;
     * a collector's own label of the same name wins (a collector reading a remote BMC sets its own
     * {@code host}).
     */
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
