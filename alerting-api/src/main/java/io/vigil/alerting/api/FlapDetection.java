package io.vigil.alerting.api;

import java.time.Duration;


/**
 * Marks an instance as flapping when it changes state more than {@code maxChanges} times within
 * {@code window}; while flapping, one transition is reported and further ones are suppressed and
 * counted, until the instance has kept one state for {@code stableFor}.
 */
public record FlapDetection(int maxChanges, Duration window, Duration stableFor) {
    public FlapDetection {
        Problems p = new Problems();
        if (maxChanges < 1) {
            p.add(ErrorCode.INVALID_FIELD, "flapping.maxChanges", "must be at least 1, was " + maxChanges);
        }
        p.requirePositive(window, "flapping.window");
        p.requirePositive(stableFor, "flapping.stableFor");
        p.throwIfAny();
    }

}
