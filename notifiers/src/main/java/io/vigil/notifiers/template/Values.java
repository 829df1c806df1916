package io.vigil.notifiers.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How values read in messages: {@code 85.5} not {@code 85.50000001}, {@code 1h 30m} not {@code PT1H30M}. */
public final class Values {
    private static final MathContext TEN_DIGITS = new MathContext(10);

    private Values() {
    }

    public static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        return BigDecimal.valueOf(value).round(TEN_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** ISO-8601 in UTC to the second: {@code 2026-02-03T12:30:00Z}. */
    public static String instant(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 1h 30m}, {@code 2d 3h}, {@code 45s}, {@code 350ms}; the two largest units only. */
    public static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        long[] amounts = {d.toDaysPart(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < amounts.length && shown < 2; i++) {
            if (amounts[i] == 0 && shown == 0) {
                continue;
            }
            if (amounts[i] != 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(amounts[i]).append(units[i]);
            }
            shown++;
        }
        return sb.toString();
    }
}
