package io.vigil.collectors.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GpuProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeNvml fake;

    @BeforeEach
    void resetFake() {
        fake = FakeNvml.reset();
    }

    private int run(String... args) throws InterruptedException {
        return GpuProbe.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode report() throws Exception {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsInventorySamplesSummaryHealthAndTimings() throws Exception {
        fake.devices(2).returns(1, "nvmlDeviceGetFanSpeed", FakeNvml.NOT_SUPPORTED)
                .returns(0, "nvmlDeviceGetTemperature", FakeNvml.UNKNOWN);

        int status = run("--library", FakeNvml.LIBRARY, "--collections", "2", "--pause-ms", "0",
                "--timing-rounds", "5", "--host", "gpu-node");

        assertThat(status).isEqualTo(GpuProbe.EXIT_OK);
        JsonNode report = report();
        assertThat(report.get("available").asBoolean()).isTrue();
        assertThat(report.get("binding").asText()).isEqualTo("direct");
        assertThat(report.get("inventory").get("driverVersion").asText()).isEqualTo("580.159.04");
        JsonNode devices = report.get("inventory").get("devices");
        assertThat(devices).hasSize(2);
        assertThat(devices.get(0).get("name").asText()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(devices.get(0).get("memoryTotalBytes").asLong()).isEqualTo(85520809984L);
        assertThat(devices.get(0).get("eccEnabled").asBoolean()).isTrue();
        assertThat(report.get("collections")).hasSize(2);
        JsonNode second = report.get("collections").get(1).get("samples");
        assertThat(second.findValuesAsText("metric")).contains(GpuMetrics.ENERGY_INTERVAL, GpuMetrics.POWER);
        JsonNode power = findSample(second, GpuMetrics.POWER, "1");
        assertThat(power.get("value").asDouble()).isEqualTo(90.603);
        assertThat(power.get("labels").get("host").asText()).isEqualTo("gpu-node");
        assertThat(findSample(second, GpuMetrics.FAN_SPEED, "1")).isNull();
        assertThat(report.get("health").get("gpu0.temperature").get("message").asText())
                .contains("Unknown Error (NVML error 999)");
        assertThat(report.get("summary").get("totalGpus").asInt()).isEqualTo(2);
        assertThat(report.get("timing").get("rounds").asInt()).isEqualTo(5);
        assertThat(report.get("timing").get("meanMicrosPerCollection").asDouble()).isPositive();
        assertThat(fake.initCount()).as("closed").isZero();
    }

    private static JsonNode findSample(JsonNode samples, String metric, String gpu) {
        for (JsonNode sample : samples) {
            if (sample.get("metric").asText().equals(metric) && gpu.equals(sample.get("labels").path("gpu").asText())) {
                return sample;
            }
        }
        return null;
    }

    @Test
    void saysWhyNvmlIsUnavailable() throws Exception {
        int status = run("--library", "/nonexistent/libnvidia-ml.so.1");

        assertThat(status).isEqualTo(GpuProbe.EXIT_UNAVAILABLE);
        JsonNode report = report();
        assertThat(report.get("available").asBoolean()).isFalse();
        assertThat(report.get("reason").asText()).contains("/nonexistent/libnvidia-ml.so.1");
    }

    @Test
    void rejectsBadArguments() throws Exception {
        assertThat(run("--collections")).isEqualTo(GpuProbe.EXIT_USAGE);
        assertThat(run("--collections", "zero")).isEqualTo(GpuProbe.EXIT_USAGE);
        assertThat(run("--collections", "0")).isEqualTo(GpuProbe.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: GpuProbe");
        assertThat(out.size()).isZero();
    }
}
