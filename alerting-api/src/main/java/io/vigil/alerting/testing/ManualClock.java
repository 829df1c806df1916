package io.vigil.alerting.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it, for tests of code that takes a
 * {@link Clock} (every timed part of Vigil does). Thread-safe; clocks made with {@link #withZone}
 * share the same time.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at("2026-02-03T12:00:00Z");
 * Alerting alerting = Alerting.builder().clock(clock).build();
 * alerting.record("cpu_usage", 95, Labels.of("host", "web-1"));
 * clock.advance(Duration.ofMinutes(5));
 * alerting.tick();
 * }</pre>
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at an ISO-8601 instant such as {@code 2026-02-03T12:00:00Z}. */
    public static ManualClock at(String isoInstant) {
        return new ManualClock(Instant.parse(isoInstant));
    }

    /** Moves the time forward by {@code step}, which must not be negative. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not run backwards: " + step);
        }
        now.updateAndGet(t -> t.plus(step));
    }

    /** Sets the time, in either direction (to test how code copes with a clock that jumps back). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(now, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
