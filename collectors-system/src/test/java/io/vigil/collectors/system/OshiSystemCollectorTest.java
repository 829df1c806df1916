package io.vigil.collectors.system;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleBuffer;
import io.vigil.alerting.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.vigil.collectors.system.SystemMetrics.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The system collector against real OSHI on this machine. */
class OshiSystemCollectorTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2025-05-01T00:00:00Z"));
    private CollectorContext context;
    private MetricCollector collector;

    @BeforeEach
    void create() throws Exception {
        context = CollectorContext.builder().clock(clock).hostLabels(Labels.of("env", "test")).build();
        collector = new SystemCollectorProvider().create(context);
    }

    @AfterEach
    void close() {
        collector.close();
    }

    private List<Sample> collect() {
        SampleBuffer buffer = new SampleBuffer(clock.instant(), context.hostLabels());
        try {
            collector.collect(buffer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return buffer.drain();
    }

    private static List<Sample> of(List<Sample> samples, String metric) {
        return samples.stream().filter(s -> s.metric().equals(metric)).collect(Collectors.toList());
    }

    private static double single(List<Sample> samples, String metric) {
        List<Sample> found = of(samples, metric);
        assertThat(found).as(metric).hasSize(1);
        return found.get(0).value();
    }

    @Test
    void memorySwapLoadUptimeAndProcessesAreInRange() {
        List<Sample> s = collect();
        assertThat(single(s, MEMORY_TOTAL_BYTES)).isGreaterThan(64L * 1024 * 1024);
        assertThat(single(s, MEMORY_USED_BYTES)).isPositive().isLessThanOrEqualTo(single(s, MEMORY_TOTAL_BYTES));
        assertThat(single(s, MEMORY_USAGE)).isBetween(0.0, 100.0);
        assertThat(single(s, MEMORY_USAGE)).isCloseTo(100 * single(s, MEMORY_USED_BYTES) / single(s, MEMORY_TOTAL_BYTES),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(single(s, SWAP_USAGE)).isBetween(0.0, 100.0);
        assertThat(single(s, UPTIME_SECONDS)).isPositive();
        assertThat(single(s, PROCESS_COUNT)).isGreaterThanOrEqualTo(1);
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(single(s, LOAD_AVERAGE_1M)).isGreaterThanOrEqualTo(0);
            assertThat(single(s, LOAD_AVERAGE_15M)).isGreaterThanOrEqualTo(0);
        }
        assertThat(context.health().problems()).isEmpty();
    }

    @Test
    void theRootMountIsPresentWithSaneNumbers() {
        List<Sample> s = collect();
        Optional<Sample> rootTotal = of(s, DISK_TOTAL_BYTES).stream().filter(x -> "/".equals(x.labels().get("mount"))).findFirst();
        assertThat(rootTotal).as("disk_total_bytes{mount=\"/\"} among %s", of(s, DISK_TOTAL_BYTES)).isPresent();
        assertThat(rootTotal.get().value()).isPositive();
        for (Sample free : of(s, DISK_FREE_PERCENT)) {
            assertThat(free.value()).as(free.labels().toString()).isBetween(0.0, 100.0);
        }
        assertThat(of(s, DISK_TOTAL_BYTES)).allSatisfy(x -> {
            assertThat(x.labels().get("mount")).doesNotStartWith("/proc").doesNotStartWith("/sys");
        });
    }

    @Test
    void cpuUsageComesFromRealTickDeltasBetweenTwoCollections() {
        collect(); // the collector read the ticks when created; this reading is the next base
        double usage = Double.NaN;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Keep a core busy until the kernel's tick counters (and OSHI's short cache of them) move on.
        // This is work for the CPU to measure, not a wait for a timer.
        long spins = 0;
        while (Double.isNaN(usage) && System.nanoTime() < deadline) {
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            while (System.nanoTime() < until) {
                spins += Long.numberOfTrailingZeros(spins + System.nanoTime());
            }
            clock.advance(Duration.ofSeconds(10));
            List<Sample> cpu = of(collect(), CPU_USAGE);
            if (!cpu.isEmpty()) {
                usage = cpu.get(0).value();
            }
        }
        assertThat(usage).as("cpu_usage after %d spins", spins).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
    }

    @Test
    void ratesAreNonNegativeAndCarryTheirDeviceLabels() {
        collect();
        clock.advance(Duration.ofSeconds(10));
        List<Sample> s = collect();
        for (String rate : List.of(DISK_READ_BYTES_PER_SECOND, DISK_WRITE_BYTES_PER_SECOND)) {
            assertThat(of(s, rate)).allSatisfy(x -> {
                assertThat(x.value()).isGreaterThanOrEqualTo(0);
                assertThat(x.labels().get("disk")).isNotBlank().doesNotStartWith("loop").doesNotStartWith("/dev/");
            });
        }
        for (String rate : List.of(NETWORK_RECEIVE_BYTES_PER_SECOND, NETWORK_TRANSMIT_BYTES_PER_SECOND,
                NETWORK_RECEIVE_ERRORS_PER_SECOND, NETWORK_TRANSMIT_ERRORS_PER_SECOND)) {
            assertThat(of(s, rate)).allSatisfy(x -> {
                assertThat(x.value()).isGreaterThanOrEqualTo(0);
                assertThat(x.labels().get("interface")).isNotBlank().isNotEqualTo("lo");
            });
        }
    }

    @Test
    void everySampleNamesThisHost() {
        List<Sample> s = collect();
        assertThat(s).isNotEmpty().allSatisfy(x -> {
            assertThat(x.labels().get("host")).isNotBlank();
            assertThat(x.labels().get("env")).isEqualTo("test");
        });
    }
}
