package io.vigil.collectors.dropwizard;

import com.codahale.metrics.Clock;

import java.time.Duration;

/** Dropwizard's own clock, moved by hand (Dropwizard times with {@code com.codahale.metrics.Clock}, not java.time). */
final class ManualTicker extends Clock {
    private volatile long nanos = 1_000_000_000L;

    void advance(Duration by) {
        nanos += by.toNanos();
    }

    @Override
    public long getTick() {
        return nanos;
    }

    @Override
    public long getTime() {
        return nanos / 1_000_000;
    }
}
