package io.vigil.alerting.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and writer of durations as people write them, shared by the rule codec, collector
 * and notifier settings and the example server's configuration.
 *
 * <p>Accepted text (surrounding whitespace ignored):
 * <ul>
 *   <li>the compact form: whole numbers with units {@code d}, {@code h}, {@code m}, {@code s},
 *       {@code ms} in that order, each at most once: {@code 250ms}, {@code 90s}, {@code 5m},
 *       {@code 1h30m}, {@code 2d}, {@code 1d2h3m4s5ms}. Units are lower case ({@code 5M} is refused
 *       rather than guessed as minutes or months); there is no sign and no fraction.</li>
 *   <li>ISO-8601 as {@link Duration#parse} reads it, in any case: {@code PT10S}, {@code pt1h},
 *       {@code P1D}, {@code PT0.5S}. A signed ISO duration ({@code -PT5M}) parses to a negative
 *       duration, so that each caller can refuse it with its own message and error code.</li>
 * </ul>
 * {@link #parse(String)} refuses durations longer than twice {@link AlertRule#MAX_DURATION} as far
 * too long: no rule can use them, and the bound keeps every arithmetic step free of overflow. Callers
 * with a different range (collector and notifier settings keep accepting anything a {@link Duration}
 * holds) pass their own limit to {@link #parse(String, Duration)}.
 *
 * <p>{@link #format} writes the compact form, largest unit first ({@code 1m30s}, {@code 0s}); a
 * duration that the compact form cannot carry exactly (negative, finer than a millisecond, or past
 * the bound) is written in ISO-8601, so {@code parse(format(d))} always gives {@code d} back.
 */
public final class DurationText {
    private static final Pattern COMPACT = Pattern.compile(
            "(?:(\\d{1,15})d)?(?:(\\d{1,15})h)?(?:(\\d{1,15})m)?(?:(\\d{1,15})s)?(?:(\\d{1,15})ms)?");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms"};
    /** Twice the model's maximum: beyond this nothing is representable; in between the model explains the limit. */
    private static final Duration REPRESENTABLE = AlertRule.MAX_DURATION.multipliedBy(2);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    /** What a duration looks like, for error messages: {@code a duration such as "90s", ...}. */
    public static final String EXPECTED = "a duration such as \"90s\", \"5m\", \"1h30m\", \"2d\" or \"PT5M\"";

    private DurationText() {
    }

    /** The compact form, largest unit first ({@code 1h30m}); ISO-8601 where compact would lose something. */
    public static String format(Duration d) {
        Objects.requireNonNull(d, "duration");
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

    /**
     * Parses a duration in the compact or ISO-8601 form.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not a duration or
     *         is far too long; the message quotes at most the first 40 characters of the text
     */
    public static Duration parse(String text) {
        return parse(text, REPRESENTABLE, AlertRule.MAX_DURATION.toDays() + " days");
    }

    /**
     * Like {@link #parse(String)}, refusing durations longer than {@code atMost} (either sign) instead
     * of the rule model's bound; {@code ChronoUnit.FOREVER.getDuration()} accepts every {@link Duration}.
     *
     * @throws IllegalArgumentException when the text is not a duration or is longer than {@code atMost}
     */
    public static Duration parse(String text, Duration atMost) {
        Objects.requireNonNull(atMost, "atMost");
        if (atMost.isNegative()) {
            throw new IllegalArgumentException("atMost must not be negative, was " + atMost);
        }
        return parse(text, atMost, atMost.toString());
    }

    private static Duration parse(String text, Duration atMost, String limitText) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("must be " + EXPECTED);
        }
        char first = Character.toUpperCase(t.charAt(0));
        if (first == 'P' || ((first == '-' || first == '+') && t.length() > 1 && Character.toUpperCase(t.charAt(1)) == 'P')) {
            try {
                return bounded(Duration.parse(t.toUpperCase(Locale.ROOT)), atMost);
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
        return fromNanos(millis.movePointRight(6), atMost, limitText);
    }

    /**
     * A plain number in a given unit: {@code 300} seconds, {@code 0.5} minutes. Rounded to whole
     * nanoseconds; a negative value gives a negative duration for the caller to refuse in its own words.
     *
     * @throws IllegalArgumentException when the value is not finite or the duration is far too long
     */
    public static Duration ofNumber(double value, Duration unit) {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        BigDecimal nanos = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(unit.toNanos()));
        return fromNanos(nanos, REPRESENTABLE, AlertRule.MAX_DURATION.toDays() + " days");
    }

    private static Duration fromNanos(BigDecimal nanos, Duration atMost, String limitText) {
        BigDecimal whole = nanos.setScale(0, RoundingMode.HALF_UP);
        BigDecimal limit = BigDecimal.valueOf(atMost.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigDecimal.valueOf(atMost.getNano()));
        if (whole.abs().compareTo(limit) > 0) {
            throw new IllegalArgumentException("is far too long (at most " + limitText + ")");
        }
        BigDecimal[] secondsAndNanos = whole.divideAndRemainder(NANOS_PER_SECOND);
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    private static Duration bounded(Duration d, Duration atMost) {
        if (d.abs().compareTo(atMost) > 0) {
            throw new ArithmeticException("too long");
        }
        return d;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
