package io.vigil.alerting.store.jdbc;

import java.time.Instant;

/**
 * Instants as microseconds since the epoch, the form every time column has: a plain BIGINT sorts,
 * compares and buckets ({@code t / 3600000000} is the hour) the same in SQLite and PostgreSQL, and
 * microseconds are what the JDK's clock gives on the platforms we run on.
 */
final class Micros {
    private static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    static long of(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + t + " is too far from 1970 to be stored", e);
        }
    }

    static Long ofNullable(Instant t) {
        return t == null ? null : of(t);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000);
    }
}
