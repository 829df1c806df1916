package io.vigil.collectors.ipmi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Recognises the power-related sensors that BMCs name each in their own way: per-PSU power
 * ("PSU1 Power", "PS2 Input Power", HPE's "Power Supply 1"), whole-system meters (Dell's "Pwr
 * Consumption", HPE's "Power Meter") and PSU redundancy ("PS Redundancy", "Power Supplies").
 */
final class PowerSensors {
    private static final Pattern PSU_NAME = Pattern.compile(
            "(?i)(?:\\bpsu?\\s*_?\\d|\\bpsu\\b|\\bpws\\s*_?\\d|power\\s*suppl(?:y|ies))");
    private static final Pattern OUTPUT_SIDE = Pattern.compile("(?i)\\bout(?:put)?\\b");
    private static final Pattern METER_NAME = Pattern.compile(
            "(?i)pwr\\s*consumption|power\\s*consumption|power\\s*meter|total\\s*power|sys(?:tem)?[\\s_]*power|node\\s*power");
    /** Redundancy sensors about power: by name (also "PS Redundancy"), by FreeIPMI type, by entity (10 PSU, 19 power unit). */
    private static final Pattern POWER_REDUNDANCY_NAME = Pattern.compile("(?i)\\bps\\b|\\bpsu|\\bpwr\\b|power");

    /** Where a node's total power came from. */
    enum Source {
        /** The BMC's DCMI power reading. */
        DCMI,
        /** A sensor metering the whole system. */
        METER,
        /** The sum of the PSU power sensors. */
        PSU_SUM;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A node's total power and its source. */
    record Total(double watts, Source source) {
    }

    private PowerSensors() {
    }

    /** Total power: DCMI when given, else a system meter sensor, else the sum of the PSU power sensors. */
    static Optional<Total> total(List<SensorReading> readings, OptionalDouble dcmiWatts) {
        if (dcmiWatts.isPresent()) {
            return Optional.of(new Total(dcmiWatts.getAsDouble(), Source.DCMI));
        }
        for (SensorReading r : readings) {
            if (isPowerReading(r) && METER_NAME.matcher(r.name()).find() && !isPsuPower(r)) {
                return Optional.of(new Total(r.unit().toPublished(r.value().getAsDouble()), Source.METER));
            }
        }
        double sum = 0;
        int psus = 0;
        for (SensorReading r : readings) {
            if (isPsuPower(r)) {
                sum += r.value().getAsDouble();
                psus++;
            }
        }
        return psus == 0 ? Optional.empty() : Optional.of(new Total(sum, Source.PSU_SUM));
    }

    /** Whether {@code r} reads one PSU's (input) power. */
    static boolean isPsuPower(SensorReading r) {
        if (!isPowerReading(r) || OUTPUT_SIDE.matcher(r.name()).find()) {
            return false;
        }
        return r.type().equalsIgnoreCase("power supply") || r.entity().startsWith("10.")
                || PSU_NAME.matcher(r.name()).find();
    }

    /**
     * The redundancy state of a power-supply redundancy sensor: {@code redundant}, {@code degraded}
     * or {@code lost} ("Non-redundant" states count as lost: no spare is left); empty for any
     * other sensor.
     */
    static Optional<String> psuRedundancy(SensorReading r) {
        String event = r.event().toLowerCase(Locale.ROOT);
        String state;
        if (event.contains("redundancy lost")) {
            state = "lost";
        } else if (event.contains("redundancy degraded")) {
            state = "degraded";
        } else if (event.contains("non-redundant") || event.contains("non redundant")) {
            state = "lost";
        } else if (event.contains("fully redundant")) {
            state = "redundant";
        } else {
            return Optional.empty();
        }
        String type = r.type().toLowerCase(Locale.ROOT);
        boolean aboutPower = type.equals("power supply") || type.equals("power unit")
                || r.entity().startsWith("10.") || r.entity().startsWith("19.")
                || POWER_REDUNDANCY_NAME.matcher(r.name()).find();
        return aboutPower ? Optional.of(state) : Optional.empty();
    }

    private static boolean isPowerReading(SensorReading r) {
        return r.kind() == SensorKind.POWER && r.value().isPresent();
    }
}
