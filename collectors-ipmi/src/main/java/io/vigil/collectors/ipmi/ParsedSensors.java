package io.vigil.collectors.ipmi;

import java.util.List;

/**
 * What a parser made of a tool's output: the sensors it understood and one message per line it
 * did not. A parser never throws on its input; a line it cannot read costs that line only.
 */
record ParsedSensors(List<SensorReading> readings, List<String> problems) {
    ParsedSensors {
        readings = List.copyOf(readings);
        problems = List.copyOf(problems);
    }
}
