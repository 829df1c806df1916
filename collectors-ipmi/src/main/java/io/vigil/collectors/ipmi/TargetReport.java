package io.vigil.collectors.ipmi;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one collection learnt about one target.
 *
 * @param up             whether the BMC answered with a sensor list
 * @param downReason     why not, when not up
 * @param readings       the sensors, when up
 * @param outputProblems output lines that were not understood (sensors and DCMI)
 * @param dcmiWatts      the DCMI power reading, when asked and given
 * @param dcmiProblem    why a DCMI reading that should have come did not; {@code null} when none
 */
record TargetReport(boolean up, String downReason, List<SensorReading> readings, List<String> outputProblems,
                    OptionalDouble dcmiWatts, String dcmiProblem) {

    TargetReport {
        readings = List.copyOf(readings);
        outputProblems = List.copyOf(outputProblems);
    }

    static TargetReport down(String reason) {
        return new TargetReport(false, reason, List.of(), List.of(), OptionalDouble.empty(), null);
    }
}
