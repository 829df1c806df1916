package io.vigil.alerting.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 250ms},
 * or ISO-8601 ({@code PT5M}). Written in the compact form, largest unit first; a duration with
 * sub-millisecond precision is written in ISO-8601 so that nothing is lost.
 */
final class DurationText {
    private static final Pattern COMPACT = Pattern.compile(
            "(?:(\\d{1,15})d)?(?:(\\d{1,15})h)?(?:(\\d{1,15})m)?(?:(\\d{1,15})s)?(?:(\\d{1,15})ms)?");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms"};
    /** Twice the model's maximum: beyond this nothing is representable; in between the model explains the limit. */
    private static final Duration REPRESENTABLE = io.vigil.alerting.api.AlertRule.MAX_DURATION.multipliedBy(2);

    static final String EXPECTED = "a duration such as \"90s\", \"5m\", \"1h30m\", \"2d\" or \"PT5M\"";

    private DurationText() {
    }

    static String format(Duration d) {
        if (d.isNegative() || d.getNano() % 1_000_000 != 0 || d.compareTo(REPRESENTABLE) > 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = ms / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                ms -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }

    /** Parses a duration, or throws {@link IllegalArgumentException} with a message for the user. */
    static Duration parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("must be " + EXPECTED);
        }
        char first = Character.toUpperCase(t.charAt(0));
        if (first == 'P' || ((first == '-' || first == '+') && t.length() > 1 && Character.toUpperCase(t.charAt(1)) == 'P')) {
            try {
                return bounded(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + shorten(t) + "' is not " + EXPECTED);
            }
        }
        Matcher m = COMPACT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + shorten(t) + "' is not " + EXPECTED);
        }
        BigDecimal millis = BigDecimal.ZERO;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String group = m.group(i + 1);
            if (group != null) {
                millis = millis.add(new BigDecimal(group).multiply(BigDecimal.valueOf(UNIT_MILLIS[i])));
            }
        }
        return fromNanos(millis.movePointRight(6));
    }

    /**
     * A seed's plain number in its unit (seconds, minutes): {@code 300} seconds, {@code 0.5} minutes.
     * Rounded to whole nanoseconds; negative values are returned for the model to reject with its own message.
     */
    static Duration ofNumber(double value, Duration unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        BigDecimal nanos = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(unit.toNanos()));
        return fromNanos(nanos);
    }

    private static Duration fromNanos(BigDecimal nanos) {
        BigDecimal whole = nanos.setScale(0, RoundingMode.HALF_UP);
        if (whole.abs().compareTo(BigDecimal.valueOf(REPRESENTABLE.toNanos())) > 0) {
            throw new IllegalArgumentException("is far too long (at most "
                    + io.vigil.alerting.api.AlertRule.MAX_DURATION.toDays() + " days)");
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    private static Duration bounded(Duration d) {
        if (d.abs().compareTo(REPRESENTABLE) > 0) {
            throw new ArithmeticException("too long");
        }
        return d;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
