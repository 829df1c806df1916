package io.vigil.collectors.gpu;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The static inventory read from the fake NVML. */
class GpuInventoryTest {
    private static final String UUID0 = "GPU-0df69c58-0000-4000-8000-000000000000";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final CollectorHealth health = new CollectorHealth(clock);
    private final List<GpuCollector> opened = new ArrayList<>();
    private FakeNvml fake;

    @BeforeEach
    void resetFake() {
        fake = FakeNvml.reset();
    }

    @AfterEach
    void closeCollectors() {
        opened.forEach(GpuCollector::close);
    }

    private GpuCollector open() throws CollectorUnavailableException {
        GpuCollector collector = GpuCollector.open(FakeNvml.context(health).clock(clock).build());
        opened.add(collector);
        return collector;
    }

    @Test
    void everyFactOfAnH100() throws Exception {
        GpuInventory inventory = open().inventory();

        assertThat(inventory.driverVersion()).hasValue("580.159.04");
        assertThat(inventory.cudaDriverVersion()).hasValue("13.0");
        assertThat(inventory.devices()).containsExactly(new GpuDevice(0, UUID0, "NVIDIA H100 80GB HBM3",
                Optional.of("580.159.04"), Optional.of("13.0"), Optional.of("96.00.99.00.01"),
                OptionalInt.of(5), OptionalInt.of(16), Optional.of("9.0"), OptionalLong.of(85520809984L),
                OptionalDouble.of(200.0), OptionalDouble.of(700.0), OptionalDouble.of(700.0), Optional.of(true)));
        assertThat(inventory.devices().get(0).memoryTotalMb()).hasValue(81559.0);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void eachDeviceHasItsOwnFacts() throws Exception {
        fake.devices(2).string(1, "name", "NVIDIA A30").string(1, "uuid", "GPU-abc123").string(1, "vbios", "92.00.36.00.01")
                .value(1, "cc_major", 8).value(1, "cc_minor", 0).value(1, "pcie_max_gen", 4)
                .value(1, "power_default_mw", 165000).value(1, "ecc_mode", 0).cudaDriverVersion(12020);

        List<GpuDevice> devices = open().inventory().devices();

        GpuDevice a30 = devices.get(1);
        assertThat(a30.index()).isEqualTo(1);
        assertThat(a30.name()).isEqualTo("NVIDIA A30");
        assertThat(a30.vbiosVersion()).hasValue("92.00.36.00.01");
        assertThat(a30.computeCapability()).hasValue("8.0");
        assertThat(a30.pcieMaxGeneration()).hasValue(4);
        assertThat(a30.powerLimitDefaultWatts()).hasValue(165.0);
        assertThat(a30.eccEnabled()).hasValue(false);
        assertThat(a30.cudaDriverVersion()).hasValue("12.2");
        assertThat(devices.get(0).eccEnabled()).hasValue(true);
    }

    @Test
    void unsupportedFactsAreEmptyAndNoProblem() throws Exception {
        fake.returns(0, "nvmlDeviceGetEccMode", FakeNvml.NOT_SUPPORTED)
                .returns(0, "nvmlDeviceGetVbiosVersion", FakeNvml.NOT_SUPPORTED)
                .returns(0, "nvmlDeviceGetPowerManagementLimitConstraints", FakeNvml.NOT_SUPPORTED)
                .systemReturns("nvmlSystemGetCudaDriverVersion", FakeNvml.NOT_SUPPORTED);

        GpuInventory inventory = open().inventory();

        GpuDevice device = inventory.devices().get(0);
        assertThat(device.eccEnabled()).isEmpty();
        assertThat(device.vbiosVersion()).isEmpty();
        assertThat(device.powerLimitMinWatts()).isEmpty();
        assertThat(device.powerLimitMaxWatts()).isEmpty();
        assertThat(device.powerLimitDefaultWatts()).hasValue(700.0);
        assertThat(device.cudaDriverVersion()).isEmpty();
        assertThat(inventory.cudaDriverVersion()).isEmpty();
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void failingFactsAreEmptyAndReported() throws Exception {
        fake.returns(0, "nvmlDeviceGetMaxPcieLinkGeneration", FakeNvml.UNKNOWN)
                .returns(0, "nvmlDeviceGetName", FakeNvml.NO_PERMISSION)
                .systemReturns("nvmlSystemGetDriverVersion", FakeNvml.UNKNOWN);

        GpuCollector collector = open();

        GpuDevice device = collector.inventory().devices().get(0);
        assertThat(device.pcieMaxGeneration()).isEmpty();
        assertThat(device.pcieMaxLinkWidth()).hasValue(16);
        assertThat(device.name()).isEqualTo("unknown");
        assertThat(device.driverVersion()).isEmpty();
        assertThat(health.problems()).containsOnlyKeys("gpu0.inventory", "driver_version");
        assertThat(health.problems().get("gpu0.inventory").message()).isEqualTo(
                "nvmlDeviceGetName: Insufficient Permissions (NVML error 4); "
                        + "nvmlDeviceGetMaxPcieLinkGeneration: Unknown Error (NVML error 999)");
        RecordingSink sink = new RecordingSink(clock);
        collector.collect(sink);
        assertThat(sink.labelsOf("0", GpuMetrics.UP).get(GpuMetrics.MODEL)).isEqualTo("unknown");
    }

    @Test
    void aDeviceWhoseUuidCannotBeReadIsLeftOutAndTriedAgain() throws Exception {
        fake.devices(2).returns(1, "nvmlDeviceGetUUID", FakeNvml.UNKNOWN);
        GpuCollector collector = open();

        assertThat(collector.inventory().devices()).extracting(GpuDevice::index).containsExactly(0);
        assertThat(health.problems().get("gpu1.device").message())
                .isEqualTo("nvmlDeviceGetUUID failed: Unknown Error (NVML error 999)");

        fake.returns(1, "nvmlDeviceGetUUID", 0);
        collector.collect(new RecordingSink(clock));

        assertThat(collector.inventory().devices()).extracting(GpuDevice::index).containsExactly(0, 1);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void aDeviceLostWhileItsInventoryIsReadIsLeftOutUntilItAnswers() throws Exception {
        fake.returns(0, "nvmlDeviceGetVbiosVersion", FakeNvml.GPU_IS_LOST);
        GpuCollector collector = open();

        assertThat(collector.inventory().devices()).isEmpty();
        assertThat(health.problems().get("gpu0.device").message()).contains("lost while its inventory was read");

        fake.returns(0, "nvmlDeviceGetVbiosVersion", 0);
        RecordingSink sink = new RecordingSink(clock);
        collector.collect(sink);
        assertThat(collector.inventory().devices()).hasSize(1);
        assertThat(sink.value(GpuMetrics.UP, "0")).isEqualTo(1.0);
    }

    @Test
    void theInventoryIsReadOncePerDeviceNotAtEveryCollection() throws Exception {
        GpuCollector collector = open();
        for (int i = 0; i < 3; i++) {
            collector.collect(new RecordingSink(clock));
        }
        assertThat(fake.calls("nvmlDeviceGetVbiosVersion")).isEqualTo(1);
        assertThat(fake.calls("nvmlDeviceGetCount_v2")).as("but the count at each").isEqualTo(4);
    }

    @Test
    void devicesAreFoundByIndexUuidOrSeedId() throws Exception {
        fake.devices(2);
        GpuInventory inventory = open().inventory();

        assertThat(inventory.device("1")).map(GpuDevice::index).hasValue(1);
        assertThat(inventory.device("nvidia0")).map(GpuDevice::index).hasValue(0);
        assertThat(inventory.device(UUID0.toLowerCase())).map(GpuDevice::index).hasValue(0);
        assertThat(inventory.device("nvidia7")).isEmpty();
        assertThat(inventory.device("GPU-unknown")).isEmpty();
        assertThat(inventory.device(null)).isEmpty();
    }
}
