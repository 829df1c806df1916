package io.vigil.collectors.ipmi;

import java.util.Set;

/** ipmitool's status column: {@code ok}, {@code nc}/{@code lnc}/{@code unc}, {@code cr}/{@code lcr}/..., {@code ns}, {@code na}. */
final class IpmitoolStatus {
    private static final Set<String> WARNING = Set.of("nc", "lnc", "unc");
    private static final Set<String> CRITICAL = Set.of("cr", "lcr", "ucr", "nr", "lnr", "unr");
    /** No reading ("ns", also printed for disabled sensors) or not available ("na"): no judgement. */
    private static final Set<String> NO_STATE = Set.of("ns", "na");

    private IpmitoolStatus() {
    }

    static boolean isKnown(String status) {
        String s = status.trim();
        return s.equals("ok") || WARNING.contains(s) || CRITICAL.contains(s) || NO_STATE.contains(s);
    }

    /** The state a known status names; {@code null} for "ns" and "na". */
    static SensorState stateOf(String status) {
        String s = status.trim();
        if (s.equals("ok")) {
            return SensorState.NOMINAL;
        }
        if (WARNING.contains(s)) {
            return SensorState.WARNING;
        }
        if (CRITICAL.contains(s)) {
            return SensorState.CRITICAL;
        }
        return null;
    }
}
