package io.vigil.alerting.api;

import java.util.Map;

/**
 * Metric naming rules and the alias table that lets seed 003's names ({@code cpu},
 * {@code cpu.usagePercent}) and seed 000's names ({@code cpu_usage}) address the same series.
 */
public final class MetricNames {

    /**
     * Aliases to canonical names. Seed 003 names a metric family ({@code cpu}) and refines it with
     * {@code metricType}; the family alone means its usage percentage.
     */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("cpu", "cpu_usage"),
            Map.entry("cpu.usagePercent", "cpu_usage"),
            Map.entry("memory", "memory_usage"),
            Map.entry("memory.usagePercent", "memory_usage"),
            Map.entry("swap.usagePercent", "swap_usage"),
            Map.entry("disk", "disk_usage"),
            Map.entry("disk.usagePercent", "disk_usage"),
            Map.entry("disk.freePercent", "disk_free_percent"),
            Map.entry("network", "network_receive_bytes_per_second"),
            Map.entry("network.rxBytesPerSecond", "network_receive_bytes_per_second"),
            Map.entry("network.txBytesPerSecond", "network_transmit_bytes_per_second"),
            Map.entry("vmStatus", "vm_status"));

    private MetricNames() {
    }

    /**
     * Whether {@code name} is a usable metric name: {@code [A-Za-z_:][A-Za-z0-9_:.\-]{0,199}}
     * (letters, digits, {@code _ : . -}, not starting with a digit, at most 200 characters).
     */
    public static boolean isValid(String name) {
        // Same language as the pattern below, checked by hand: this runs for every Sample built,
        // and a regex match allocates a Matcher each time.
        if (name == null || name.isEmpty() || name.length() > 200) {
            return false;
        }
        char first = name.charAt(0);
        if (!(isLetter(first) || first == '_' || first == ':')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }


    /** The canonical series name for {@code name}: the alias target, or the name itself. */
    public static String canonical(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    /** The alias table, alias to canonical name. */
    public static Map<String, String> aliases() {
        return ALIASES;
    }
}
