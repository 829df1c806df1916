package io.vigil.alerting.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens to an alert instance whose series stopped reporting.
 *
 * @param after how long without a sample counts as "no data"; positive
 * @param state what the instance becomes then
 */
public record NoDataPolicy(Duration after, State state) {

    /** The state an instance takes when its data stops. */
    public enum State {
        /** Treat as healthy: a firing instance resolves. */
        OK,
        /** Treat as failing: the instance fires (after its hold time). */
        ALERTING,
        /** Keep whatever state the instance had. */
        KEEP,
        /** Raise a distinct "no data" alert for the instance. */
        NO_DATA;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            for (State s : values()) {
                if (s.wireName().equalsIgnoreCase(text.trim())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public NoDataPolicy {
        Problems p = new Problems();
        p.requirePositive(after, "noData.after");
        if (state == null) {
            p.add(ErrorCode.MISSING_FIELD, "noData.state", "one of ok, alerting, keep, no_data");
        }
        p.throwIfAny();
    }
}
