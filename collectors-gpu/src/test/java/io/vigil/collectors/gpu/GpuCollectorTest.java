package io.vigil.collectors.gpu;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The collector against the fake libnvidia-ml: real JNA calls across the native boundary. */
class GpuCollectorTest {
    private static final String GPU0 = "0";
    private static final String GPU1 = "1";
    private static final String H100_UUID0 = "GPU-0df69c58-0000-4000-8000-000000000000";
    private static final String H100_UUID1 = "GPU-0df69c58-0000-4000-8000-000000000001";

    /** Everything a GPU with every feature and no XID yet reports (one sample each, reasons apart). */
    private static final Set<String> ALL_METRICS = new TreeSet<>(List.of(
            GpuMetrics.UP, GpuMetrics.POWER, GpuMetrics.POWER_LIMIT, GpuMetrics.POWER_USAGE, GpuMetrics.TEMPERATURE,
            GpuMetrics.UTILIZATION, GpuMetrics.MEMORY_UTILIZATION, GpuMetrics.MEMORY_TOTAL, GpuMetrics.MEMORY_USED,
            GpuMetrics.MEMORY_FREE, GpuMetrics.MEMORY_USAGE, GpuMetrics.SM_CLOCK, GpuMetrics.MEMORY_CLOCK,
            GpuMetrics.PCIE_RX, GpuMetrics.PCIE_TX, GpuMetrics.FAN_SPEED, GpuMetrics.ENERGY, GpuMetrics.ECC_CORRECTED,
            GpuMetrics.ECC_UNCORRECTED, GpuMetrics.THROTTLE_REASONS, GpuMetrics.THROTTLE_REASON, GpuMetrics.XID_ERRORS));

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
        return open("direct");
    }

    private GpuCollector open(String binding) throws CollectorUnavailableException {
        GpuCollector collector = GpuCollector.open(FakeNvml.context(health).clock(clock).property("binding", binding).build());
        opened.add(collector);
        return collector;
    }

    private RecordingSink collect(GpuCollector collector) {
        RecordingSink sink = new RecordingSink(clock);
        collector.collect(sink);
        clock.advance(Duration.ofSeconds(10));
        return sink;
    }

    @ParameterizedTest(name = "{0} binding")
    @ValueSource(strings = {"direct", "interface"})
    void oneGpuReportsEveryFieldInItsUnit(String binding) throws Exception {
        fake.value(0, "util_gpu", 87).value(0, "util_memory", 41)
                .value(0, "ecc_corrected_volatile", 2).value(0, "ecc_uncorrected_volatile", 1)
                .value(0, "ecc_corrected_aggregate", 500).value(0, "throttle_reasons", 0x1 | 0x8);

        RecordingSink sink = collect(open(binding));

        assertThat(sink.metricsOf(GPU0)).isEqualTo(ALL_METRICS);
        assertThat(sink.value(GpuMetrics.POWER, GPU0)).isEqualTo(90.603);
        assertThat(sink.value(GpuMetrics.POWER_LIMIT, GPU0)).isEqualTo(700.0);
        assertThat(sink.value(GpuMetrics.POWER_USAGE, GPU0)).isCloseTo(12.943, within(0.001));
        assertThat(sink.value(GpuMetrics.TEMPERATURE, GPU0)).isEqualTo(35.0);
        assertThat(sink.value(GpuMetrics.UTILIZATION, GPU0)).isEqualTo(87.0);
        assertThat(sink.value(GpuMetrics.MEMORY_UTILIZATION, GPU0)).isEqualTo(41.0);
        assertThat(sink.value(GpuMetrics.MEMORY_TOTAL, GPU0)).isEqualTo(81559.0);
        assertThat(sink.value(GpuMetrics.MEMORY_USED, GPU0)).isEqualTo(480.0);
        assertThat(sink.value(GpuMetrics.MEMORY_FREE, GPU0)).isEqualTo(81079.0);
        assertThat(sink.value(GpuMetrics.MEMORY_USAGE, GPU0)).isCloseTo(100 * 480.0 / 81559.0, within(1e-9));
        assertThat(sink.value(GpuMetrics.SM_CLOCK, GPU0)).isEqualTo(345.0);
        assertThat(sink.value(GpuMetrics.MEMORY_CLOCK, GPU0)).isEqualTo(2619.0);
        assertThat(sink.value(GpuMetrics.PCIE_RX, GPU0)).isEqualTo(579.0);
        assertThat(sink.value(GpuMetrics.PCIE_TX, GPU0)).isEqualTo(1528.0);
        assertThat(sink.value(GpuMetrics.FAN_SPEED, GPU0)).isEqualTo(30.0);
        assertThat(sink.value(GpuMetrics.ENERGY, GPU0)).isEqualTo(2294.917);
        assertThat(sink.value(GpuMetrics.ECC_CORRECTED, GPU0)).as("volatile, not aggregate").isEqualTo(2.0);
        assertThat(sink.value(GpuMetrics.ECC_UNCORRECTED, GPU0)).isEqualTo(1.0);
        assertThat(sink.value(GpuMetrics.THROTTLE_REASONS, GPU0)).isEqualTo(9.0);
        assertThat(sink.value(GpuMetrics.XID_ERRORS, GPU0)).isZero();
        assertThat(sink.value(GpuMetrics.UP, GPU0)).isEqualTo(1.0);
        assertThat(sink.labelsOf(GPU0, GpuMetrics.POWER)).isEqualTo(Labels.of(
                "host", "node-1", "gpu", "0", "uuid", H100_UUID0, "model", "NVIDIA H100 80GB HBM3"));
        assertThat(sink.samples()).allSatisfy(s -> assertThat(s.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void throttleReasonsAreAMaskAndOneZeroOrOnePerNamedReason() throws Exception {
        long unknownBit = 0x1000;
        fake.value(0, "throttle_reasons", 0x4 | 0x40 | unknownBit);

        RecordingSink sink = collect(open());

        assertThat(sink.value(GpuMetrics.THROTTLE_REASONS, GPU0)).isEqualTo(0x4 | 0x40 | unknownBit);
        for (ThrottleReason reason : ThrottleReason.values()) {
            boolean active = reason == ThrottleReason.SW_POWER_CAP || reason == ThrottleReason.HW_THERMAL_SLOWDOWN;
            assertThat(sink.throttleReason(GPU0, reason)).as(reason.label()).isEqualTo(active ? 1.0 : 0.0);
        }
    }

    @Test
    void twoGpusEachCarryTheirOwnLabelsAndValues() throws Exception {
        fake.devices(2)
                .string(1, "name", "NVIDIA A30").string(1, "uuid", "GPU-abc123")
                .value(1, "power_mw", 183500).value(1, "power_limit_mw", 165000).value(1, "temperature_c", 45)
                .value(1, "memory_total", 24L << 30).value(1, "memory_used", 18L << 30).value(1, "memory_free", 6L << 30);

        GpuCollector collector = open();
        RecordingSink sink = collect(collector);

        assertThat(sink.metricsOf(GPU0)).isEqualTo(ALL_METRICS);
        assertThat(sink.metricsOf(GPU1)).isEqualTo(ALL_METRICS);
        assertThat(sink.labelsOf(GPU1, GpuMetrics.UP)).isEqualTo(Labels.of(
                "host", "node-1", "gpu", "1", "uuid", "GPU-abc123", "model", "NVIDIA A30"));
        assertThat(sink.value(GpuMetrics.POWER, GPU0)).isEqualTo(90.603);
        assertThat(sink.value(GpuMetrics.POWER, GPU1)).isEqualTo(183.5);
        assertThat(sink.value(GpuMetrics.POWER_USAGE, GPU1)).isCloseTo(100 * 183.5 / 165.0, within(1e-9));
        assertThat(sink.value(GpuMetrics.TEMPERATURE, GPU1)).isEqualTo(45.0);
        assertThat(sink.value(GpuMetrics.MEMORY_TOTAL, GPU1)).isEqualTo(24576.0);
        assertThat(sink.value(GpuMetrics.MEMORY_USED, GPU1)).isEqualTo(18432.0);
        assertThat(sink.value(GpuMetrics.MEMORY_USAGE, GPU1)).isEqualTo(75.0);
        assertThat(collector.inventory().devices()).extracting(GpuDevice::uuid).containsExactly(H100_UUID0, "GPU-abc123");
    }

    /** The H100 case: no fan on an SXM board. Its rc 3 leaves garbage in the out-parameter. */
    @Test
    void anUnsupportedFanIsLeftOutNeverReportedStaleAndNotAskedAgain() throws Exception {
        fake.returns(0, "nvmlDeviceGetFanSpeed", FakeNvml.NOT_SUPPORTED);
        GpuCollector collector = open();

        RecordingSink first = collect(collector);
        RecordingSink second = collect(collector);

        for (RecordingSink sink : List.of(first, second)) {
            assertThat(sink.has(GpuMetrics.FAN_SPEED, GPU0)).isFalse();
            assertThat(sink.samples()).noneMatch(s -> s.value() == FakeNvml.GARBAGE_UINT);
            Set<String> expected = new TreeSet<>(ALL_METRICS);
            expected.remove(GpuMetrics.FAN_SPEED);
            expected.add(GpuMetrics.ENERGY_INTERVAL);
            if (sink == first) {
                expected.remove(GpuMetrics.ENERGY_INTERVAL);
            }
            assertThat(sink.metricsOf(GPU0)).isEqualTo(expected);
        }
        assertThat(fake.calls("nvmlDeviceGetFanSpeed")).as("asked once, remembered as unsupported").isEqualTo(1);
        assertThat(health.problems()).as("not supported is not a problem").isEmpty();
    }

    @ParameterizedTest(name = "{0} not supported")
    @CsvSource(delimiter = '|', value = {
            "nvmlDeviceGetPowerUsage                   | gpu_power_watts gpu_power_usage_percent",
            "nvmlDeviceGetEnforcedPowerLimit           | gpu_power_limit_watts gpu_power_usage_percent",
            "nvmlDeviceGetTemperature                  | gpu_temperature_celsius",
            "nvmlDeviceGetUtilizationRates             | gpu_utilization_percent gpu_memory_utilization_percent",
            "nvmlDeviceGetMemoryInfo                   | gpu_memory_total_mb gpu_memory_used_mb gpu_memory_free_mb gpu_memory_usage_percent",
            "nvmlDeviceGetClockInfo                    | gpu_sm_clock_mhz gpu_memory_clock_mhz",
            "nvmlDeviceGetPcieThroughput               | gpu_pcie_rx_kilobytes_per_second gpu_pcie_tx_kilobytes_per_second",
            "nvmlDeviceGetTotalEnergyConsumption       | gpu_energy_joules_total",
            "nvmlDeviceGetTotalEccErrors               | gpu_ecc_corrected_errors_total gpu_ecc_uncorrected_errors_total",
            "nvmlDeviceGetCurrentClocksThrottleReasons | gpu_throttle_reasons gpu_throttle_reason",
            "nvmlDeviceRegisterEvents                  | gpu_xid_errors_total",
    })
    void anUnsupportedFieldIsAbsentAndEverythingElseStays(String function, String missingMetrics) throws Exception {
        fake.returns(0, function, FakeNvml.NOT_SUPPORTED);

        RecordingSink sink = collect(open());

        Set<String> expected = new TreeSet<>(ALL_METRICS);
        expected.removeAll(Arrays.asList(missingMetrics.split(" ")));
        assertThat(sink.metricsOf(GPU0)).isEqualTo(expected);
        assertThat(sink.samples()).noneMatch(s -> s.value() == FakeNvml.GARBAGE_UINT);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void anErrorOnOneFieldIsReportedInHealthWhileTheOthersAreStillEmitted() throws Exception {
        fake.devices(2).returns(0, "nvmlDeviceGetTemperature", FakeNvml.UNKNOWN);
        GpuCollector collector = open();

        RecordingSink failing = collect(collector);

        assertThat(failing.has(GpuMetrics.TEMPERATURE, GPU0)).isFalse();
        assertThat(failing.has(GpuMetrics.TEMPERATURE, GPU1)).isTrue();
        Set<String> expected = new TreeSet<>(ALL_METRICS);
        expected.remove(GpuMetrics.TEMPERATURE);
        assertThat(failing.metricsOf(GPU0)).isEqualTo(expected);
        assertThat(failing.value(GpuMetrics.UP, GPU0)).isEqualTo(1.0);
        assertThat(health.problems()).containsOnlyKeys("gpu0.temperature");
        assertThat(health.problems().get("gpu0.temperature").message())
                .isEqualTo("nvmlDeviceGetTemperature failed: Unknown Error (NVML error 999)");

        collect(collector);
        assertThat(health.problems().get("gpu0.temperature").count()).as("asked again, failed again").isEqualTo(2);

        fake.returns(0, "nvmlDeviceGetTemperature", 0);
        RecordingSink recovered = collect(collector);
        assertThat(recovered.value(GpuMetrics.TEMPERATURE, GPU0)).isEqualTo(35.0);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void aPermissionErrorIsWordedByNvml() throws Exception {
        fake.returns(0, "nvmlDeviceGetTotalEnergyConsumption", FakeNvml.NO_PERMISSION);

        RecordingSink sink = collect(open());

        assertThat(sink.has(GpuMetrics.ENERGY, GPU0)).isFalse();
        assertThat(health.problems().get("gpu0.energy").message())
                .isEqualTo("nvmlDeviceGetTotalEnergyConsumption failed: Insufficient Permissions (NVML error 4)");
    }

    @Test
    void aLostGpuIsReportedDownUntilItComesBack() throws Exception {
        fake.devices(2).value(1, "power_mw", 250000);
        GpuCollector collector = open();
        collect(collector);

        fake.lose(1);
        RecordingSink lost = collect(collector);

        assertThat(lost.metricsOf(GPU1)).as("nothing but down").containsExactly(GpuMetrics.UP);
        assertThat(lost.value(GpuMetrics.UP, GPU1)).isZero();
        assertThat(lost.value(GpuMetrics.UP, GPU0)).isEqualTo(1.0);
        assertThat(lost.metricsOf(GPU0)).contains(GpuMetrics.POWER);
        assertThat(health.problems()).containsOnlyKeys("gpu1.device");
        assertThat(health.problems().get("gpu1.device").message())
                .contains(H100_UUID1).contains("GPU is lost (NVML error 15)");
        assertThat(collector.summary().unavailableGpus()).isEqualTo(1);

        int handleCalls = fake.calls("nvmlDeviceGetHandleByIndex_v2");
        RecordingSink stillLost = collect(collector);
        assertThat(fake.calls("nvmlDeviceGetHandleByIndex_v2")).as("enumerated again").isGreaterThan(handleCalls);
        assertThat(stillLost.metricsOf(GPU1)).containsExactly(GpuMetrics.UP);
        assertThat(stillLost.value(GpuMetrics.UP, GPU1)).isZero();
        assertThat(stillLost.labelsOf(GPU1, GpuMetrics.UP).get("uuid")).isEqualTo(H100_UUID1);
        assertThat(collector.inventory().devices()).extracting(GpuDevice::index).containsExactly(0);
        assertThat(health.problems()).containsOnlyKeys("gpu1.device");

        fake.restore(1);
        RecordingSink back = collect(collector);

        assertThat(back.metricsOf(GPU1)).isEqualTo(ALL_METRICS);
        assertThat(back.value(GpuMetrics.UP, GPU1)).isEqualTo(1.0);
        assertThat(back.value(GpuMetrics.POWER, GPU1)).isEqualTo(250.0);
        assertThat(collector.inventory().devices()).extracting(GpuDevice::index).containsExactly(0, 1);
        assertThat(health.problems()).isEmpty();
        assertThat(collector.summary().unavailableGpus()).isZero();
    }

    @Test
    void aGpuLostHalfwayThroughIsNotAskedAnythingMore() throws Exception {
        fake.returns(0, "nvmlDeviceGetPowerUsage", FakeNvml.UNKNOWN);
        GpuCollector collector = open();
        collect(collector);
        assertThat(health.problems()).containsOnlyKeys("gpu0.power");

        fake.returns(0, "nvmlDeviceGetMemoryInfo", FakeNvml.GPU_IS_LOST);
        RecordingSink sink = collect(collector);

        assertThat(sink.metricsOf(GPU0)).containsExactlyInAnyOrder(GpuMetrics.POWER_LIMIT, GpuMetrics.TEMPERATURE,
                GpuMetrics.UTILIZATION, GpuMetrics.MEMORY_UTILIZATION, GpuMetrics.UP);
        assertThat(sink.value(GpuMetrics.UP, GPU0)).isZero();
        assertThat(fake.calls("nvmlDeviceGetFanSpeed")).as("only the first collection asked").isEqualTo(1);
        assertThat(health.problems()).as("the device problem replaces the field's").containsOnlyKeys("gpu0.device");
    }

    @Test
    void gpusThatAppearAndDisappearAreFollowedWithoutARestart() throws Exception {
        GpuCollector collector = open();
        assertThat(collect(collector).of(GPU1)).isEmpty();

        fake.devices(2);
        RecordingSink appeared = collect(collector);
        assertThat(appeared.metricsOf(GPU1)).isEqualTo(ALL_METRICS);
        assertThat(collector.inventory().devices()).hasSize(2);

        fake.devices(1);
        RecordingSink gone = collect(collector);
        assertThat(gone.metricsOf(GPU1)).containsExactly(GpuMetrics.UP);
        assertThat(gone.value(GpuMetrics.UP, GPU1)).isZero();
        assertThat(collector.inventory().devices()).hasSize(1);
        assertThat(health.problems().get("gpu1.device").message()).contains("no longer enumerates");

        fake.devices(2);
        assertThat(collect(collector).value(GpuMetrics.UP, GPU1)).isEqualTo(1.0);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void aDeviceCountFailureIsReportedAndTheKnownGpusAreStillRead() throws Exception {
        GpuCollector collector = open();
        fake.systemReturns("nvmlDeviceGetCount_v2", FakeNvml.UNKNOWN);

        RecordingSink sink = collect(collector);

        assertThat(sink.metricsOf(GPU0)).isEqualTo(ALL_METRICS);
        assertThat(health.problems()).containsOnlyKeys(GpuCollector.DEVICE_COUNT);

        fake.systemReturns("nvmlDeviceGetCount_v2", 0);
        collect(collector);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void xidEventsAreCountedOnTheGpuTheyHappenedOn() throws Exception {
        fake.devices(2);
        GpuCollector collector = open();
        assertThat(fake.pushXid(1, 79)).as("GPU 1 registered for XID events").isEqualTo(1);
        assertThat(fake.pushXid(1, 48)).isEqualTo(1);

        RecordingSink sink = collect(collector);

        assertThat(sink.value(GpuMetrics.XID_ERRORS, GPU1)).isEqualTo(2.0);
        assertThat(sink.value(GpuMetrics.LAST_XID, GPU1)).isEqualTo(48.0);
        assertThat(sink.value(GpuMetrics.XID_ERRORS, GPU0)).isZero();
        assertThat(sink.has(GpuMetrics.LAST_XID, GPU0)).isFalse();

        RecordingSink quiet = collect(collector);
        assertThat(quiet.value(GpuMetrics.XID_ERRORS, GPU1)).as("a running total").isEqualTo(2.0);
        assertThat(quiet.value(GpuMetrics.LAST_XID, GPU1)).isEqualTo(48.0);

        fake.pushXid(0, 13);
        RecordingSink later = collect(collector);
        assertThat(later.value(GpuMetrics.XID_ERRORS, GPU0)).isEqualTo(1.0);
        assertThat(later.value(GpuMetrics.LAST_XID, GPU0)).isEqualTo(13.0);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void aGpuWithoutXidEventsReportsNoXidMetric() throws Exception {
        fake.returns(0, "nvmlDeviceRegisterEvents", FakeNvml.NOT_SUPPORTED);
        GpuCollector collector = open();

        assertThat(fake.pushXid(0, 79)).isZero();
        RecordingSink sink = collect(collector);

        assertThat(sink.has(GpuMetrics.XID_ERRORS, GPU0)).isFalse();
        assertThat(sink.has(GpuMetrics.LAST_XID, GPU0)).isFalse();
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void eventSetFailuresAreReportedAndTheRestIsCollected() throws Exception {
        fake.systemReturns("nvmlEventSetCreate", FakeNvml.UNKNOWN);
        GpuCollector collector = open();

        RecordingSink sink = collect(collector);

        assertThat(sink.has(GpuMetrics.XID_ERRORS, GPU0)).isFalse();
        assertThat(sink.has(GpuMetrics.POWER, GPU0)).isTrue();
        assertThat(health.problems()).containsOnlyKeys(XidEvents.COMPONENT);
        assertThat(health.problems().get(XidEvents.COMPONENT).message()).startsWith("nvmlEventSetCreate failed");
    }

    @Test
    void aFailingEventWaitIsReportedAndClearedWhenItWorksAgain() throws Exception {
        GpuCollector collector = open();
        fake.systemReturns("nvmlEventSetWait_v2", FakeNvml.UNKNOWN);
        fake.pushXid(0, 31);

        collect(collector);
        assertThat(health.problems()).containsOnlyKeys(XidEvents.COMPONENT);

        fake.systemReturns("nvmlEventSetWait_v2", 0);
        RecordingSink sink = collect(collector);
        assertThat(sink.value(GpuMetrics.XID_ERRORS, GPU0)).as("the event waited for us").isEqualTo(1.0);
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void energyPerIntervalIsTheDifferenceBetweenCollections() throws Exception {
        GpuCollector collector = open();
        assertThat(collect(collector).has(GpuMetrics.ENERGY_INTERVAL, GPU0)).as("no previous reading").isFalse();

        fake.value(0, "energy_mj", 2294917 + 5250);
        RecordingSink second = collect(collector);
        assertThat(second.value(GpuMetrics.ENERGY_INTERVAL, GPU0)).isEqualTo(5.25);
        assertThat(second.value(GpuMetrics.ENERGY, GPU0)).isEqualTo(2300.167);

        fake.value(0, "energy_mj", 1000);
        assertThat(collect(collector).has(GpuMetrics.ENERGY_INTERVAL, GPU0)).as("counter reset by a driver reload").isFalse();

        fake.value(0, "energy_mj", 3500);
        assertThat(collect(collector).value(GpuMetrics.ENERGY_INTERVAL, GPU0)).isEqualTo(2.5);
    }

    @Test
    void theSummaryOfTheLatestCollectionMatchesTheSummaryOfItsSamples() throws Exception {
        fake.devices(2).value(0, "util_gpu", 0).value(1, "util_gpu", 60).value(1, "temperature_c", 61);
        GpuCollector collector = open();
        assertThat(collector.summary()).isEqualTo(GpuSummary.empty());

        RecordingSink sink = collect(collector);

        GpuSummary summary = collector.summary();
        assertThat(summary).isEqualTo(GpuSummary.of(sink.samples()));
        assertThat(summary.totalGpus()).isEqualTo(2);
        assertThat(summary.idleGpus()).isEqualTo(1);
        assertThat(summary.activeGpus()).isEqualTo(1);
        assertThat(summary.totalPowerWatts()).isCloseTo(2 * 90.603, within(1e-9));
        assertThat(summary.maxTemperatureCelsius()).hasValue(61.0);
        assertThat(summary.averageTemperatureCelsius()).hasValue(48.0);
        assertThat(summary.nodes()).containsExactly("node-1");

        fake.lose(1);
        RecordingSink lost = collect(collector);
        assertThat(collector.summary()).isEqualTo(GpuSummary.of(lost.samples()));
        assertThat(collector.summary().unavailableGpus()).isEqualTo(1);
    }

    @Test
    void closeFreesTheEventSetAndShutsNvmlDownOnce() throws Exception {
        GpuCollector collector = open();
        assertThat(fake.initCount()).isEqualTo(1);
        assertThat(fake.openEventSets()).isEqualTo(1);

        collector.close();
        collector.close();

        assertThat(fake.calls("nvmlEventSetFree")).isEqualTo(1);
        assertThat(fake.calls("nvmlShutdown")).isEqualTo(1);
        assertThat(fake.initCount()).isZero();
        assertThatThrownBy(() -> collector.collect(new RecordingSink(clock)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(collector.inventory().devices()).as("still readable").hasSize(1);
    }

    @Test
    void twoCollectorsShareNvmlThroughItsReferenceCount() throws Exception {
        GpuCollector first = open();
        GpuCollector second = open("interface");
        assertThat(fake.initCount()).isEqualTo(2);

        first.close();

        assertThat(fake.initCount()).isEqualTo(1);
        assertThat(collect(second).value(GpuMetrics.POWER, GPU0)).isEqualTo(90.603);
    }

    @Test
    void inventoryAndSummaryCanBeReadWhileAnotherThreadCollects() throws Exception {
        GpuCollector collector = open();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    GpuInventory inventory = collector.inventory();
                    assertThat(inventory.devices()).extracting(GpuDevice::index).isSorted().doesNotHaveDuplicates();
                    GpuSummary summary = collector.summary();
                    assertThat(summary.activeGpus() + summary.idleGpus() + summary.unavailableGpus())
                            .isEqualTo(summary.totalGpus());
                } catch (Throwable t) {
                    failures.add(t);
                    return;
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 300; i++) {
                fake.devices(1 + i % 3);
                collect(collector);
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(collector.inventory().devices()).hasSize(1 + 299 % 3);
    }

    @Test
    void collectedSamplesAreValidAndFinite() throws Exception {
        fake.devices(3);
        RecordingSink sink = collect(open());
        assertThat(sink.samples()).hasSize(3 * (ALL_METRICS.size() - 1 + ThrottleReason.values().length))
                .allSatisfy(s -> assertThat(s.isNumeric() && Double.isFinite(s.value())).isTrue())
                .extracting(Sample::metric).allSatisfy(m -> assertThat(m).startsWith("gpu_"));
    }
}
