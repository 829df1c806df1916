package io.vigil.alerting.engine;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.FlapDetection;
import java.time.Duration;

/**
 * Global settings of an {@link Evaluator}.
 *
 * @param cooldownFloor        the least cooldown any rule gets (seed 003: minimum interval between
 *                             triggers, 5 minutes); a rule's longer cooldown wins
 * @param minReminderInterval  the least interval between reminders of one alert (seed 003: the
 *                             same alert is notified at most every 15 minutes); a rule's longer
 *                             reminder interval wins, a rule without one gets no reminders
 * @param outOfOrderTolerance  how much older than its series' newest sample a sample may be and
 *                             still be accepted; zero drops every older sample; under 12 days
 * @param defaultFlapDetection flap detection for rules that set none, or {@code null} for none
 */
public record EngineSettings(Duration cooldownFloor, Duration minReminderInterval, Duration outOfOrderTolerance,
                             FlapDetection defaultFlapDetection) {

    public static final Duration DEFAULT_COOLDOWN_FLOOR = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MIN_REMINDER_INTERVAL = Duration.ofMinutes(15);

    public EngineSettings {
        cooldownFloor = nonNegative(cooldownFloor, "cooldownFloor");
        minReminderInterval = nonNegative(minReminderInterval, "minReminderInterval");
        outOfOrderTolerance = nonNegative(outOfOrderTolerance, "outOfOrderTolerance");
        if (outOfOrderTolerance.toMillis() >= Evaluator.MAX_WINDOW_MILLIS) {
            throw new AlertingException(ErrorCode.INVALID_DURATION, "outOfOrderTolerance must be under 12 days");
        }
    }

    private static Duration nonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new AlertingException(ErrorCode.INVALID_DURATION, name + " must be zero or positive, was " + d);
        }
        return d;
    }

    /** 5-minute cooldown floor, 15-minute reminder floor, no out-of-order tolerance, no flap detection. */
    public static EngineSettings defaults() {
        return new EngineSettings(DEFAULT_COOLDOWN_FLOOR, DEFAULT_MIN_REMINDER_INTERVAL, Duration.ZERO, null);
    }

    public EngineSettings withCooldownFloor(Duration floor) {
        return new EngineSettings(floor, minReminderInterval, outOfOrderTolerance, defaultFlapDetection);
    }

    public EngineSettings withMinReminderInterval(Duration interval) {
        return new EngineSettings(cooldownFloor, interval, outOfOrderTolerance, defaultFlapDetection);
    }

    public EngineSettings withOutOfOrderTolerance(Duration tolerance) {
        return new EngineSettings(cooldownFloor, minReminderInterval, tolerance, defaultFlapDetection);
    }

    public EngineSettings withDefaultFlapDetection(FlapDetection flapDetection) {
        return new EngineSettings(cooldownFloor, minReminderInterval, outOfOrderTolerance, flapDetection);
    }
}
