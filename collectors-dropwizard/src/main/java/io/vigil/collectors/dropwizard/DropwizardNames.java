package io.vigil.collectors.dropwizard;

import io.vigil.alerting.api.MetricNames;

/**
 * Turns Dropwizard metric names into Vigil metric names: every character a metric name cannot
 * hold becomes {@code _}, a name that does not start with a letter, {@code _} or {@code :} gets a
 * leading {@code _}, and the name is cut so that its longest suffix still fits.
 */
final class DropwizardNames {
    /** The longest suffix any metric type adds ({@code _rate_m15}). */
    static final int LONGEST_SUFFIX = "_rate_m15".length();
    /** Longest metric name {@link MetricNames#isValid} accepts. */
    static final int MAX_LENGTH = 200;
    static final String MILLIS = "_ms";

    private DropwizardNames() {
    }

    /** The base name for {@code prefix + name}, or {@code null} when nothing usable is left. */
    static String base(String prefix, String name) {
        String raw = prefix + name;
        if (raw.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(raw.length() + 1);
        char first = raw.charAt(0);
        if (!(Character.isLetter(first) && first < 128 || first == '_' || first == ':')) {
            sb.append('_');
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            sb.append(allowed(c) ? c : '_');
        }
        int max = MAX_LENGTH - LONGEST_SUFFIX - MILLIS.length();
        if (sb.length() > max) {
            sb.setLength(max);
        }
        return sb.toString();
    }

    /** A timer's stem: the base without a trailing {@code _ms}, which the timer's names add back. */
    static String timerStem(String base) {
        return base.endsWith(MILLIS) && base.length() > MILLIS.length() ? base.substring(0, base.length() - MILLIS.length()) : base;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == ':' || c == '.' || c == '-';
    }
}
