package io.vigil.collectors.ipmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a DCMI power reading as {@code ipmi-dcmi --get-system-power-statistics}
 * ({@code Current Power : 176 Watts}, {@code Power Measurement : Active}) and {@code ipmitool dcmi
 * power reading} ({@code Instantaneous power reading: 176 Watts}, {@code Power reading state is:
 * activated}) print it, and tells a BMC without DCMI ("Invalid command (c1)", "command invalid or
 * unsupported") from one that merely failed this time.
 */
final class DcmiParser {
    private static final Pattern KEY_VALUE = Pattern.compile("\\s*([A-Za-z][A-Za-z ()/-]*?)\\s*:\\s*(.*?)\\s*");
    private static final Pattern WATTS = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*(?i:watts?|w)");
    private static final Set<String> CURRENT_POWER = Set.of("current power", "instantaneous power reading");
    private static final Set<String> MEASUREMENT_STATE = Set.of("power measurement", "power reading state is");
    /** Every other key the two tools print; anything else is an unknown line. */
    private static final Set<String> OTHER_KEYS = Set.of(
            "minimum power over sampling duration", "maximum power over sampling duration",
            "average power over sampling duration", "time stamp", "statistics reporting time period",
            "minimum during sampling period", "maximum during sampling period",
            "average power reading over sample period", "ipmi timestamp", "sampling period");
    private static final Pattern UNSUPPORTED = Pattern.compile(
            "(?i)invalid command|\\(c1\\)|invalid or unsupported|not supported|unsupported command|dcmi is not");

    private static final Pattern PRIVILEGE = Pattern.compile("(?i)privilege level insufficient|insufficient privilege|\\(d4\\)");

    private DcmiParser() {
    }

    /** Judges a finished DCMI command from its exit status and both output streams. */
    static DcmiOutcome judge(int exitCode, String stdout, String stderr) {
        String all = (stdout == null ? "" : stdout) + "\n" + (stderr == null ? "" : stderr);
        if (exitCode != 0) {
            if (UNSUPPORTED.matcher(all).find()) {
                return new DcmiOutcome.Unavailable("BMC does not support DCMI power readings: " + ParseSupport.summary(stderr, stdout));
            }
            String reason = "DCMI power reading failed (exit " + exitCode + "): " + ParseSupport.summary(stderr, stdout);
            if (PRIVILEGE.matcher(all).find()) {
                reason += " (raise the target's privilege, or set its dcmi option to off)";
            }
            return new DcmiOutcome.Failed(reason);
        }
        return parse(stdout);
    }

    /** Reads the output of a DCMI command that exited normally. */
    static DcmiOutcome parse(String stdout) {
        OptionalDouble watts = OptionalDouble.empty();
        String state = null;
        List<String> unknown = new ArrayList<>();
        List<String> lines = ParseSupport.lines(stdout);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher kv = line.length() <= ParseSupport.MAX_LINE_LENGTH ? KEY_VALUE.matcher(line) : null;
            String key = kv != null && kv.matches() ? kv.group(1).toLowerCase(Locale.ROOT) : null;
            if (key != null && CURRENT_POWER.contains(key)) {
                Matcher w = WATTS.matcher(kv.group(2));
                if (!w.matches()) {
                    return new DcmiOutcome.Failed(ParseSupport.problem(i + 1, line, "current power is not in Watts"));
                }
                watts = ParseSupport.number(w.group(1));
            } else if (key != null && MEASUREMENT_STATE.contains(key)) {
                state = kv.group(2).toLowerCase(Locale.ROOT);
            } else if (key == null || !OTHER_KEYS.contains(key)) {
                unknown.add(ParseSupport.problem(i + 1, line, "unknown DCMI output line"));
            }
        }
        if (state != null && !state.equals("active") && !state.equals("activated")) {
            return new DcmiOutcome.Unavailable("DCMI power measurement is not active ('" + ParseSupport.quote(state) + "')");
        }
        if (watts.isPresent()) {
            return new DcmiOutcome.Reading(watts.getAsDouble(), unknown);
        }
        return new DcmiOutcome.Failed(unknown.isEmpty() ? "no current power in DCMI output" : unknown.get(0));
    }
}
