package io.vigil.collectors.system;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns monotonic counters into per-second rates between collections, timed by the collection
 * timestamps (the injected clock), never by a sleep. One instance per collector; not thread-safe
 * (a collector is called by one thread at a time).
 *
 * <p>No rate is given (NaN) the first time a counter is seen, when it went down (a reboot, a
 * re-created interface: it is re-primed from the new value), or when no time passed.
 */
final class CounterRates {
    private static final class Last {
        long value;
        Instant at;
        long seenInCollection;
    }

    private final Map<String, Last> last = new HashMap<>();
    private long collection;
    private Instant now;

    /** Starts a collection taken at {@code now}. */
    void begin(Instant now) {
        this.now = now;
        collection++;
    }

    /** The rate of {@code counter} per second since its previous sighting, or NaN when there is none. */
    double rate(String counter, long value) {
        Last previous = last.get(counter);
        if (previous == null) {
            previous = new Last();
            last.put(counter, previous);
            remember(previous, value);
            return Double.NaN;
        }
        double rate = Double.NaN;
        long elapsedNanos = Duration.between(previous.at, now).toNanos();
        if (value >= previous.value && elapsedNanos > 0) {
            rate = (value - previous.value) / (elapsedNanos / 1e9);
        }
        remember(previous, value);
        return rate;
    }

    /** Ends the collection: counters not seen in it (a removed disk or interface) are forgotten. */
    void end() {
        for (Iterator<Last> it = last.values().iterator(); it.hasNext(); ) {
            if (it.next().seenInCollection != collection) {
                it.remove();
            }
        }
    }

    int tracked() {
        return last.size();
    }

    private void remember(Last entry, long value) {
        entry.value = value;
        entry.at = now;
        entry.seenInCollection = collection;
    }
}
