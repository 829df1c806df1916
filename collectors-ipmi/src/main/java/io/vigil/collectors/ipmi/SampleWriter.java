package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.SampleSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns one target's report into samples. Pure apart from the sink. */
final class SampleWriter {
    static final String UP = "ipmi_up";
    static final String SENSOR_STATE = "ipmi_sensor_state";
    static final String PSU_REDUNDANCY = "ipmi_psu_redundancy_state";
    static final String POWER_TOTAL = "ipmi_power_total_watts";

    private SampleWriter() {
    }

    /**
     * Writes {@code ipmi_up} and, when the target is up, one sample per reading and metric, one
     * {@code ipmi_sensor_state} per judged sensor, PSU redundancy and the node's total power.
     *
     * @param labels the target's labels merged over the host's
     */
    static void write(TargetReport report, Labels labels, SampleSink sink) {
        sink.accept(UP, report.up() ? 1 : 0, labels);
        if (!report.up()) {
            return;
        }
        List<SensorReading> readings = report.readings();
        List<String> names = uniqueNames(readings);
        for (int i = 0; i < readings.size(); i++) {
            SensorReading r = readings.get(i);
            Labels sensor = labels.with("sensor", names.get(i));
            SensorKind kind = r.kind();
            String metric = kind.metricFor(r.unit());
            if (metric != null && r.value().isPresent()) {
                sink.accept(metric, r.unit().toPublished(r.value().getAsDouble()), sensor);
            }
            if (r.state() != null) {
                sink.acceptState(SENSOR_STATE, r.state().label(), sensor.with("type", kind.label()));
            }
            PowerSensors.psuRedundancy(r).ifPresent(state -> sink.acceptState(PSU_REDUNDANCY, state, sensor));
        }
        PowerSensors.total(readings, report.dcmiWatts()).ifPresent(total ->
                sink.accept(POWER_TOTAL, total.watts(), labels.with("source", total.source().label())));
    }

    /**
     * Sensor names made unique within one BMC: Dell names several sensors just "Temp" or
     * "Status", so the second is called "Temp #2", the third "Temp #3", in SDR order.
     */
    static List<String> uniqueNames(List<SensorReading> readings) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>(readings.size());
        for (SensorReading r : readings) {
            int n = seen.merge(r.name(), 1, Integer::sum);
            names.add(n == 1 ? r.name() : r.name() + " #" + n);
        }
        return names;
    }
}
