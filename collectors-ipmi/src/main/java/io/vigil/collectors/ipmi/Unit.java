package io.vigil.collectors.ipmi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units Vigil publishes, recognised in every spelling the tools print: FreeIPMI abbreviates
 * ({@code C}, {@code W}, {@code %}) unless asked not to, ipmitool spells out ({@code degrees C},
 * {@code Watts}, {@code percent}). Anything else (CFM, Joules, "discrete", "unspecified") has no
 * metric of its own: such a sensor publishes only its state.
 */
enum Unit {
    CELSIUS,
    FAHRENHEIT,
    RPM,
    WATTS,
    VOLTS,
    AMPS,
    PERCENT;

    private static final Map<String, Unit> SPELLINGS = Map.ofEntries(
            Map.entry("c", CELSIUS), Map.entry("degrees c", CELSIUS), Map.entry("degree c", CELSIUS),
            Map.entry("deg c", CELSIUS), Map.entry("°c", CELSIUS), Map.entry("celsius", CELSIUS),
            Map.entry("f", FAHRENHEIT), Map.entry("degrees f", FAHRENHEIT), Map.entry("degree f", FAHRENHEIT),
            Map.entry("deg f", FAHRENHEIT), Map.entry("°f", FAHRENHEIT), Map.entry("fahrenheit", FAHRENHEIT),
            Map.entry("rpm", RPM),
            Map.entry("w", WATTS), Map.entry("watts", WATTS), Map.entry("watt", WATTS),
            Map.entry("v", VOLTS), Map.entry("volts", VOLTS), Map.entry("volt", VOLTS),
            Map.entry("a", AMPS), Map.entry("amps", AMPS), Map.entry("amp", AMPS), Map.entry("amperes", AMPS),
            Map.entry("%", PERCENT), Map.entry("percent", PERCENT), Map.entry("percentage", PERCENT));

    /** The unit for {@code text} as a tool printed it, or empty when it is none of ours. */
    static Optional<Unit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(SPELLINGS.get(key));
    }

    /** {@code value} in this unit converted to the unit Vigil publishes (Fahrenheit becomes Celsius). */
    double toPublished(double value) {
        return this == FAHRENHEIT ? (value - 32.0) * 5.0 / 9.0 : value;
    }
}
