package io.vigil.alerting.api;

import java.time.Duration;

/** Short, exact rendering of durations for condition texts: {@code 90s}, {@code 5m}, {@code 2h}. */
final class Durations {
    private Durations() {
    }

    static String shortForm(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
