package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.collectors.gpu.GpuDevice;
import io.vigil.collectors.gpu.GpuInventory;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's GPU and IPMI endpoints, fed the way a remote host feeds them: samples pushed to
 * {@code POST /api/v1/metrics} under the GPU and IPMI collectors' metric names.
 */
class HardwareApiTest {
    private static final GpuDevice A30 = new GpuDevice(0, "GPU-abc123", "NVIDIA A30", Optional.of("535.183.01"),
            Optional.of("12.2"), Optional.of("92.00.36.00.01"), OptionalInt.of(4), OptionalInt.of(16), Optional.of("8.0"),
            OptionalLong.of(24L * 1024 * 1024 * 1024), OptionalDouble.of(100), OptionalDouble.of(230), OptionalDouble.of(165),
            Optional.of(true));

    private final TestServer t = new TestServer(b -> TestServer.standardCredentials(
            b.gpuInventory(() -> new GpuInventory(Optional.of("535.183.01"), Optional.of("12.2"), List.of(A30)))));

    @AfterEach
    void stop() {
        t.close();
    }

    private static String gpu(String host, int index, String uuid, double power, double temp, double util, double up) {
        String labels = "{\"host\":\"" + host + "\",\"gpu\":\"" + index + "\",\"uuid\":\"" + uuid + "\",\"model\":\"NVIDIA A30\"}";
        return sample("gpu_up", up, labels) + "," + sample("gpu_power_watts", power, labels) + ","
                + sample("gpu_temperature_celsius", temp, labels) + "," + sample("gpu_utilization_percent", util, labels) + ","
                + sample("gpu_memory_used_mb", 18432, labels) + "," + sample("gpu_memory_total_mb", 24576, labels) + ","
                + sample("gpu_power_limit_watts", 230, labels) + "," + sample("gpu_energy_joules_total", 641340, labels);
    }

    private static String sample(String metric, double value, String labels) {
        return "{\"metric\":\"" + metric + "\",\"value\":" + value + ",\"labels\":" + labels + "}";
    }

    private void push(String samples) {
        Reply r = t.post("/api/v1/metrics", "{\"samples\":[" + samples + "]}", Who.PUSHER);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        t.alerting.tick();
    }

    @Test
    void withoutCollectorsEverythingIsEmptyNotAnError() {
        Reply gpus = t.get("/api/v1/accelerators/gpus", Who.SECURITY);
        assertThat(gpus.status()).isEqualTo(200);
        assertThat(gpus.json().get("resource_type").asText()).isEqualTo("gpu");
        assertThat(gpus.json().get("data")).isEmpty();
        assertThat(gpus.json().get("metadata").get("total_count").asInt()).isZero();
        assertThat(t.get("/api/v1/accelerators/gpus/summary").json().get("data").get("total_gpus").asInt()).isZero();
        assertThat(t.get("/api/v1/hardware/ipmi/sensors").json().get("data")).isEmpty();
        JsonNode power = t.get("/api/v1/hardware/ipmi/power").json();
        assertThat(power.get("data")).isEmpty();
        assertThat(power.get("summary").get("node_count").asInt()).isZero();
        assertThat(t.get("/api/v1/hardware/ipmi/temperature").json().get("data")).isEmpty();
        Reply missing = t.get("/api/v1/accelerators/gpus/nvidia0");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(missing.json().has("timestamp")).isTrue();
    }

    @Test
    void gpusFromPushedSamples() {
        push(gpu("worker1", 0, "GPU-abc123", 183.5, 45, 85.3, 1) + "," + gpu("worker1", 1, "GPU-def456", 60, 40, 0, 1)
                + "," + gpu("worker2", 0, "GPU-ghi789", 0, 0, 0, 0));
        JsonNode list = t.get("/api/v1/accelerators/gpus", Who.ADMIN_BASIC).json().get("data");
        assertThat(list).hasSize(3);
        JsonNode first = list.get(0);
        assertThat(first.get("gpu_id").asText()).isEqualTo("nvidia0");
        assertThat(first.get("node").asText()).isEqualTo("worker1");
        assertThat(first.get("model").asText()).isEqualTo("NVIDIA A30");
        assertThat(first.get("driver_version").asText()).isEqualTo("535.183.01");
        assertThat(first.get("cuda_version").asText()).isEqualTo("12.2");
        assertThat(first.get("power_watts").asDouble()).isEqualTo(183.5);
        assertThat(first.get("memory_total_mb").asInt()).isEqualTo(24576);
        assertThat(first.get("status").asText()).isEqualTo("active");
        assertThat(list.get(1).get("status").asText()).isEqualTo("idle");
        assertThat(list.get(1).has("driver_version")).isFalse();
        assertThat(list.get(2).get("status").asText()).isEqualTo("error");
        assertThat(t.get("/api/v1/accelerators/gpus?node=worker2").json().get("data")).hasSize(1);
        assertThat(t.get("/api/v1/accelerators/gpus?status=idle").json().get("data").get(0).get("uuid").asText()).isEqualTo("GPU-def456");
        assertThat(t.get("/api/v1/accelerators/gpus?status=melting").status()).isEqualTo(400);
        JsonNode withMetrics = t.get("/api/v1/accelerators/gpus?include_metrics=true").json().get("data").get(0);
        assertThat(withMetrics.get("metrics").get("energy_joules_total").asInt()).isEqualTo(641340);

        // nvidia0 exists on two nodes: the node decides
        assertThat(t.get("/api/v1/accelerators/gpus/nvidia0").status()).isEqualTo(400);
        JsonNode detail = t.get("/api/v1/accelerators/gpus/nvidia0?node=worker1").json().get("data");
        assertThat(detail.get("uuid").asText()).isEqualTo("GPU-abc123");
        assertThat(detail.get("compute_capability").asText()).isEqualTo("8.0");
        assertThat(detail.get("pcie_generation").asInt()).isEqualTo(4);
        assertThat(detail.get("ecc_enabled").asBoolean()).isTrue();
        assertThat(t.get("/api/v1/accelerators/gpus/GPU-def456").json().get("data").get("gpu_id").asText()).isEqualTo("nvidia1");
        JsonNode metrics = t.get("/api/v1/accelerators/gpus/GPU-abc123/metrics").json();
        assertThat(metrics.get("resource_type").asText()).isEqualTo("gpu_metrics");
        assertThat(metrics.get("data").get("current").get("temperature_celsius").asInt()).isEqualTo(45);
        assertThat(metrics.get("data").get("timeseries")).isEmpty();
        JsonNode power = t.get("/api/v1/accelerators/gpus/GPU-abc123/power").json().get("data");
        assertThat(power.get("current_power_watts").asDouble()).isEqualTo(183.5);
        assertThat(power.get("power_limit_watts").asInt()).isEqualTo(230);
        assertThat(t.get("/api/v1/accelerators/gpus/nvidia7").status()).isEqualTo(404);

        JsonNode summary = t.get("/api/v1/accelerators/gpus/summary").json().get("data");
        assertThat(summary.get("total_gpus").asInt()).isEqualTo(3);
        assertThat(summary.get("active_gpus").asInt()).isEqualTo(1);
        assertThat(summary.get("idle_gpus").asInt()).isEqualTo(1);
        assertThat(summary.get("unavailable_gpus").asInt()).isEqualTo(1);
        assertThat(summary.get("total_power_watts").asDouble()).isEqualTo(243.5);
        assertThat(summary.get("nodes").toString()).isEqualTo("[\"worker1\",\"worker2\"]");
    }

    @Test
    void aReadingAGpuStoppedReportingDoesNotLinger() {
        push(gpu("worker1", 0, "GPU-abc123", 183.5, 45, 85.3, 1));
        t.clock.advance(Duration.ofSeconds(10));
        String labels = "{\"host\":\"worker1\",\"gpu\":\"0\",\"uuid\":\"GPU-abc123\",\"model\":\"NVIDIA A30\"}";
        push(sample("gpu_up", 1, labels) + "," + sample("gpu_power_watts", 150, labels));
        JsonNode gpu = t.get("/api/v1/accelerators/gpus").json().get("data").get(0);
        assertThat(gpu.get("power_watts").asInt()).isEqualTo(150);
        assertThat(gpu.get("temperature_celsius").isNull()).isTrue();
    }

    private static String ipmi(String node, String metric, String sensor, double value) {
        return sample(metric, value, "{\"node\":\"" + node + "\",\"sensor\":\"" + sensor + "\"}");
    }

    private static String state(String node, String metric, String sensor, String state) {
        return "{\"metric\":\"" + metric + "\",\"state\":\"" + state + "\",\"labels\":{\"node\":\"" + node + "\",\"sensor\":\""
                + sensor + "\",\"type\":\"temperature\"}}";
    }

    @Test
    void ipmiSensorsPowerAndTemperature() {
        push(String.join(",",
                sample("ipmi_up", 1, "{\"node\":\"worker1\"}"),
                ipmi("worker1", "ipmi_power_watts", "PSU1 Power", 145),
                ipmi("worker1", "ipmi_power_watts", "PSU2 Power", 140.3),
                ipmi("worker1", "ipmi_temperature_celsius", "CPU1 Temp", 95),
                ipmi("worker1", "ipmi_temperature_celsius", "CPU2 Temp", 58),
                ipmi("worker1", "ipmi_fan_speed_rpm", "FAN1", 3200),
                ipmi("worker1", "ipmi_voltage_volts", "12V", 12.05),
                state("worker1", "ipmi_sensor_state", "CPU1 Temp", "critical"),
                "{\"metric\":\"ipmi_psu_redundancy_state\",\"state\":\"active\",\"labels\":{\"node\":\"worker1\",\"sensor\":\"PS Redundancy\"}}",
                sample("ipmi_power_total_watts", 285.3, "{\"node\":\"worker1\",\"source\":\"psu\"}"),
                ipmi("worker2", "ipmi_power_watts", "PSU1 Power", 152.3),
                ipmi("worker2", "ipmi_temperature_celsius", "Inlet Temp", 24)));
        JsonNode sensors = t.get("/api/v1/hardware/ipmi/sensors", Who.SECURITY).json();
        assertThat(sensors.get("resource_type").asText()).isEqualTo("ipmi_sensors");
        JsonNode w1 = sensors.get("data").get(0);
        assertThat(w1.get("node").asText()).isEqualTo("worker1");
        assertThat(w1.get("sensors").get("power")).hasSize(2);
        JsonNode cpu1 = w1.get("sensors").get("temperature").get(0);
        assertThat(cpu1.get("name").asText()).isEqualTo("CPU1 Temp");
        assertThat(cpu1.get("unit").asText()).isEqualTo("celsius");
        assertThat(cpu1.get("state").asText()).isEqualTo("critical");
        assertThat(w1.get("sensors").get("fans").get(0).get("unit").asText()).isEqualTo("rpm");
        assertThat(w1.get("sensors").get("voltage").get(0).get("value").asDouble()).isEqualTo(12.05);
        assertThat(t.get("/api/v1/hardware/ipmi/sensors/worker2").json().get("data").get("sensors").get("temperature")).hasSize(1);
        assertThat(t.get("/api/v1/hardware/ipmi/sensors/worker9").status()).isEqualTo(404);

        JsonNode power = t.get("/api/v1/hardware/ipmi/power").json();
        JsonNode p1 = power.get("data").get(0);
        assertThat(p1.get("total_power_watts").asDouble()).isEqualTo(285.3);
        assertThat(p1.get("psu1_power_watts").asDouble()).isEqualTo(145.0);
        assertThat(p1.get("psu2_power_watts").asDouble()).isEqualTo(140.3);
        assertThat(p1.get("psu_redundancy").asText()).isEqualTo("active");
        assertThat(power.get("data").get(1).get("total_power_watts").asDouble()).isEqualTo(152.3);
        assertThat(power.get("summary").get("total_power_watts").asDouble()).isEqualTo(437.6);
        assertThat(power.get("summary").get("node_count").asInt()).isEqualTo(2);

        JsonNode temperature = t.get("/api/v1/hardware/ipmi/temperature").json();
        assertThat(temperature.get("data").get(0).get("max_temperature_celsius").asInt()).isEqualTo(95);
        assertThat(temperature.get("summary").get("max_temperature_celsius").asInt()).isEqualTo(95);
    }
}
