package io.vigil.collectors.system;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.MetricNames;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.SampleBuffer;
import io.vigil.alerting.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.vigil.collectors.system.SystemMetrics.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The arithmetic and the rules of the system collector, on scripted readings. */
class SystemCollectorTest {
    private static final Labels HOST = Labels.of("host", "web-1");

    private final ManualClock clock = new ManualClock(Instant.parse("2025-05-01T00:00:00Z"));
    private final FakeHostProbe probe = new FakeHostProbe();
    private final CollectorContext.Builder context = CollectorContext.builder().clock(clock).hostLabels(HOST);

    private SystemCollector collector() {
        return new SystemCollector(probe, context.build());
    }

    private List<Sample> collect(SystemCollector collector) {
        SampleBuffer buffer = new SampleBuffer(clock.instant(), Labels.empty());
        collector.collect(buffer);
        return buffer.drain();
    }

    private static Double value(List<Sample> samples, String metric, String... labels) {
        Labels wanted = Labels.of(labels);
        List<Sample> found = samples.stream()
                .filter(s -> s.metric().equals(metric))
                .filter(s -> wanted.asMap().entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
                .collect(Collectors.toList());
        assertThat(found.size()).as("samples of %s%s", metric, wanted).isLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0).value();
    }

    @Test
    void cpuUsageComesFromTheTickDeltaSinceThePreviousCollection() {
        probe.cpuTicks = new HostProbe.CpuTicks(1_000, 2_000); // read when the collector is created
        SystemCollector c = collector();

        probe.cpuTicks = new HostProbe.CpuTicks(1_050, 2_200); // 200 ticks passed, 50 of them idle
        assertThat(value(collect(c), CPU_USAGE)).isCloseTo(75.0, within(1e-9));

        probe.cpuTicks = new HostProbe.CpuTicks(1_150, 2_300); // 100 ticks, all idle
        assertThat(value(collect(c), CPU_USAGE)).isCloseTo(0.0, within(1e-9));

        probe.cpuTicks = new HostProbe.CpuTicks(1_150, 2_300); // no tick passed: no usage to report
        assertThat(value(collect(c), CPU_USAGE)).isNull();
    }

    @Test
    void ratesAreBytesPerSecondOverTheInjectedClock() {
        probe.disks.add(new HostProbe.Disk("sda", 1_000, 0));
        probe.interfaces.add(new HostProbe.NetworkInterface("eth0", 0, 0, 0, 0));
        SystemCollector c = collector();

        clock.advance(Duration.ofSeconds(10));
        probe.disks.set(0, new HostProbe.Disk("sda", 6_000, 2_000));
        probe.interfaces.set(0, new HostProbe.NetworkInterface("eth0", 1_000, 30_000, 5, 2));
        List<Sample> s = collect(c);

        assertThat(value(s, DISK_READ_BYTES_PER_SECOND, "disk", "sda")).isCloseTo(500.0, within(1e-9));
        assertThat(value(s, DISK_WRITE_BYTES_PER_SECOND, "disk", "sda")).isCloseTo(200.0, within(1e-9));
        assertThat(value(s, NETWORK_TRANSMIT_BYTES_PER_SECOND, "interface", "eth0")).isCloseTo(100.0, within(1e-9));
        assertThat(value(s, NETWORK_RECEIVE_BYTES_PER_SECOND, "interface", "eth0")).isCloseTo(3_000.0, within(1e-9));
        assertThat(value(s, NETWORK_RECEIVE_ERRORS_PER_SECOND, "interface", "eth0")).isCloseTo(0.5, within(1e-9));
        assertThat(value(s, NETWORK_TRANSMIT_ERRORS_PER_SECOND, "interface", "eth0")).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void noRateWhenNoTimePassedOrACounterWentBack() {
        probe.interfaces.add(new HostProbe.NetworkInterface("eth0", 0, 1_000, 0, 0));
        SystemCollector c = collector();

        probe.interfaces.set(0, new HostProbe.NetworkInterface("eth0", 0, 2_000, 0, 0));
        assertThat(value(collect(c), NETWORK_RECEIVE_BYTES_PER_SECOND, "interface", "eth0"))
                .as("same instant as creation").isNull();

        clock.advance(Duration.ofSeconds(10));
        probe.interfaces.set(0, new HostProbe.NetworkInterface("eth0", 0, 500, 0, 0)); // interface re-created
        assertThat(value(collect(c), NETWORK_RECEIVE_BYTES_PER_SECOND, "interface", "eth0"))
                .as("counter went back").isNull();

        clock.advance(Duration.ofSeconds(5));
        probe.interfaces.set(0, new HostProbe.NetworkInterface("eth0", 0, 1_500, 0, 0));
        assertThat(value(collect(c), NETWORK_RECEIVE_BYTES_PER_SECOND, "interface", "eth0"))
                .as("measured from the re-created counter").isCloseTo(200.0, within(1e-9));
    }

    @Test
    void aDeviceThatComesBackStartsOverInsteadOfReportingAGapAsARate() {
        probe.disks.add(new HostProbe.Disk("sdb", 0, 0));
        SystemCollector c = collector();
        clock.advance(Duration.ofSeconds(10));
        probe.disks.clear();
        assertThat(value(collect(c), DISK_READ_BYTES_PER_SECOND, "disk", "sdb")).isNull();

        clock.advance(Duration.ofSeconds(10));
        probe.disks.add(new HostProbe.Disk("sdb", 1_000_000, 0));
        assertThat(value(collect(c), DISK_READ_BYTES_PER_SECOND, "disk", "sdb")).as("first sighting again").isNull();
    }

    @Test
    void memoryAndSwapInPercentAndBytes() {
        probe.memory = new HostProbe.Memory(16_000, 4_000, 2_000, 500);
        List<Sample> s = collect(collector());
        assertThat(value(s, MEMORY_USAGE)).isCloseTo(75.0, within(1e-9));
        assertThat(value(s, MEMORY_USED_BYTES)).isEqualTo(12_000.0);
        assertThat(value(s, MEMORY_AVAILABLE_BYTES)).isEqualTo(4_000.0);
        assertThat(value(s, MEMORY_TOTAL_BYTES)).isEqualTo(16_000.0);
        assertThat(value(s, SWAP_USAGE)).isCloseTo(25.0, within(1e-9));
        assertThat(value(s, SWAP_USED_BYTES)).isEqualTo(500.0);
        assertThat(value(s, SWAP_TOTAL_BYTES)).isEqualTo(2_000.0);
    }

    @Test
    void aHostWithoutSwapUsesNone() {
        probe.memory = new HostProbe.Memory(16_000, 4_000, 0, 0);
        List<Sample> s = collect(collector());
        assertThat(value(s, SWAP_USAGE)).isZero();
        assertThat(value(s, SWAP_TOTAL_BYTES)).isZero();
    }

    @Test
    void fileSystemsPerMountWithPseudoAndLoopLeftOut() {
        probe.fileStores.addAll(List.of(
                new HostProbe.FileStore("/", "ext4", "vda", 1_000, 250),
                new HostProbe.FileStore("/data", "xfs", "sdb1", 4_000, 4_000),
                new HostProbe.FileStore("/proc", "proc", "proc", 0, 0),
                new HostProbe.FileStore("/sys/fs/cgroup", "tmpfs", "tmpfs", 1_000, 1_000),
                new HostProbe.FileStore("/snap/core/1", "squashfs", "loop3", 1_000, 0),
                new HostProbe.FileStore("/mnt/image", "ext4", "loop7", 1_000, 10),
                new HostProbe.FileStore("/dev/shm", "tmpfs", "tmpfs", 1_000, 1_000),
                new HostProbe.FileStore("/tmp", "tmpfs", "tmpfs", 1_000, 900),
                new HostProbe.FileStore("/", "ext4", "vda", 1_000, 250))); // listed twice: stacked mount
        List<Sample> s = collect(collector());

        assertThat(s.stream().filter(x -> x.metric().equals(DISK_TOTAL_BYTES)).map(x -> x.labels().get("mount")))
                .containsExactly("/", "/data", "/tmp");
        assertThat(value(s, DISK_FREE_PERCENT, "mount", "/")).isCloseTo(25.0, within(1e-9));
        assertThat(value(s, DISK_USAGE, "mount", "/")).isCloseTo(75.0, within(1e-9));
        assertThat(value(s, DISK_FREE_BYTES, "mount", "/")).isEqualTo(250.0);
        assertThat(value(s, DISK_TOTAL_BYTES, "mount", "/")).isEqualTo(1_000.0);
        assertThat(value(s, DISK_USAGE, "mount", "/data")).isZero();
    }

    @Test
    void exclusionsAreConfigurableAndAnEmptyListSwitchesADefaultOff() {
        probe.fileStores.addAll(List.of(
                new HostProbe.FileStore("/", "ext4", "vda", 1_000, 250),
                new HostProbe.FileStore("/proc", "proc", "proc", 10, 10),
                new HostProbe.FileStore("/srv/scratch", "ext4", "sdc1", 1_000, 1_000),
                new HostProbe.FileStore("/mnt/image", "ext4", "loop7", 1_000, 10)));
        probe.disks.addAll(List.of(new HostProbe.Disk("vda", 0, 0), new HostProbe.Disk("loop0", 0, 0), new HostProbe.Disk("zram0", 0, 0)));
        probe.interfaces.addAll(List.of(new HostProbe.NetworkInterface("lo", 0, 0, 0, 0),
                new HostProbe.NetworkInterface("eth0", 0, 0, 0, 0), new HostProbe.NetworkInterface("veth12ab", 0, 0, 0, 0)));
        context.property("exclude.fsTypes", "")
                .property("exclude.mounts", "/srv/")
                .property("exclude.devices", "zram*")
                .property("exclude.interfaces", "veth*");
        SystemCollector c = collector();
        clock.advance(Duration.ofSeconds(10));
        List<Sample> s = collect(c);

        assertThat(labelValues(s, DISK_TOTAL_BYTES, "mount")).containsExactlyInAnyOrder("/", "/proc", "/mnt/image");
        assertThat(labelValues(s, DISK_READ_BYTES_PER_SECOND, "disk")).containsExactlyInAnyOrder("vda", "loop0");
        assertThat(labelValues(s, NETWORK_RECEIVE_BYTES_PER_SECOND, "interface")).containsExactlyInAnyOrder("lo", "eth0");
    }

    @Test
    void byDefaultLoopAndRamDisksAndTheLoopbackInterfaceAreLeftOut() {
        probe.disks.addAll(List.of(new HostProbe.Disk("nvme0n1", 0, 0), new HostProbe.Disk("loop0", 0, 0), new HostProbe.Disk("ram0", 0, 0)));
        probe.interfaces.addAll(List.of(new HostProbe.NetworkInterface("lo", 0, 0, 0, 0), new HostProbe.NetworkInterface("eth0", 0, 0, 0, 0)));
        SystemCollector c = collector();
        clock.advance(Duration.ofSeconds(10));
        List<Sample> s = collect(c);
        assertThat(labelValues(s, DISK_WRITE_BYTES_PER_SECOND, "disk")).containsExactly("nvme0n1");
        assertThat(labelValues(s, NETWORK_TRANSMIT_BYTES_PER_SECOND, "interface")).containsExactly("eth0");
    }

    @Test
    void everySampleCarriesTheIdentityLabels() {
        probe.fileStores.add(new HostProbe.FileStore("/", "ext4", "vda", 1_000, 250));
        context.hostLabels(Labels.of("env", "prod")).property("labels.rack", "r12");
        List<Sample> s = collect(collector());
        assertThat(s).isNotEmpty().allSatisfy(x -> {
            assertThat(x.labels().get("host")).as("host from the probe when the context has none").isEqualTo("fake-host");
            assertThat(x.labels().get("env")).isEqualTo("prod");
            assertThat(x.labels().get("rack")).isEqualTo("r12");
        });
    }

    @Test
    void theContextsHostWinsOverTheProbesAndALabelsPropertyWinsOverBoth() {
        assertThat(collector().identity()).isEqualTo(Labels.of("host", "web-1"));
        context.property("labels.host", "db-1");
        assertThat(collector().identity()).isEqualTo(Labels.of("host", "db-1"));
    }

    @Test
    void anUnreadableHostNameFallsBackToLocalhost() {
        context.hostLabels(Labels.empty());
        probe.failPart("hostname", new IllegalStateException("no network params"));
        assertThat(collector().identity()).isEqualTo(Labels.of("host", "localhost"));
    }

    @Test
    void aPlatformWithoutLoadAverageReportsNoneAndStaysHealthy() {
        probe.loadAverage = null;
        CollectorContext ctx = context.build();
        SystemCollector c = new SystemCollector(probe, ctx);
        List<Sample> s = collect(c);
        assertThat(value(s, LOAD_AVERAGE_1M)).isNull();
        assertThat(value(s, UPTIME_SECONDS)).isEqualTo(3_600.0);
        assertThat(ctx.health().isHealthy()).isTrue();
    }

    @Test
    void loadUptimeAndProcessCount() {
        List<Sample> s = collect(collector());
        assertThat(value(s, LOAD_AVERAGE_1M)).isEqualTo(0.5);
        assertThat(value(s, LOAD_AVERAGE_5M)).isEqualTo(0.25);
        assertThat(value(s, LOAD_AVERAGE_15M)).isEqualTo(0.125);
        assertThat(value(s, UPTIME_SECONDS)).isEqualTo(3_600.0);
        assertThat(value(s, PROCESS_COUNT)).isEqualTo(42.0);
    }

    @Test
    void aFailingPartIsRecordedInHealthWhileTheOthersAreStillReported() {
        CollectorContext ctx = context.build();
        SystemCollector c = new SystemCollector(probe, ctx);
        probe.failPart("memory", new IllegalStateException("/proc/meminfo unreadable"));

        List<Sample> s = collect(c);
        assertThat(value(s, MEMORY_USAGE)).isNull();
        assertThat(value(s, UPTIME_SECONDS)).isNotNull();
        assertThat(ctx.health().problems()).containsOnlyKeys("memory");
        assertThat(ctx.health().problems().get("memory").message()).contains("/proc/meminfo unreadable");

        probe.failPart("", null);
        assertThat(value(collect(c), MEMORY_USAGE)).isNotNull();
        assertThat(ctx.health().isHealthy()).isTrue();
    }

    @Test
    void aMemoryTotalOfZeroIsAProblemNotADivisionByZero() {
        CollectorContext ctx = context.build();
        probe.memory = new HostProbe.Memory(0, 0, 0, 0);
        List<Sample> s = collect(new SystemCollector(probe, ctx));
        assertThat(value(s, MEMORY_USAGE)).isNull();
        assertThat(ctx.health().problems()).containsKey("memory");
    }

    @Test
    void whenEveryPartFailsTheCollectionFails() {
        SystemCollector c = collector();
        probe.failPart("all", new UnsupportedOperationException("not on this OS"));
        assertThatThrownBy(() -> collect(c)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not on this OS");
    }

    @Test
    void collectingAfterCloseIsRefused() {
        SystemCollector c = collector();
        c.close();
        c.close();
        assertThatThrownBy(() -> collect(c)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theIntervalIsConfigurableAndMustBePositive() {
        assertThat(collector().defaultInterval()).isEqualTo(Duration.ofSeconds(10));
        context.property("interval", "30s");
        assertThat(collector().defaultInterval()).isEqualTo(Duration.ofSeconds(30));
        context.property("interval", "0s");
        assertThatThrownBy(this::collector).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    }

    @Test
    void emittedNamesAreTheCanonicalTargetsOfTheSeedAliases() {
        probe.fileStores.add(new HostProbe.FileStore("/", "ext4", "vda", 1_000, 250));
        probe.disks.add(new HostProbe.Disk("vda", 0, 0));
        probe.interfaces.add(new HostProbe.NetworkInterface("eth0", 0, 0, 0, 0));
        probe.cpuTicks = new HostProbe.CpuTicks(0, 0);
        SystemCollector c = collector();
        clock.advance(Duration.ofSeconds(10));
        probe.cpuTicks = new HostProbe.CpuTicks(10, 100);
        Set<String> emitted = collect(c).stream().map(Sample::metric).collect(Collectors.toSet());

        assertThat(emitted).allSatisfy(name -> assertThat(MetricNames.canonical(name)).as("canonical(%s)", name).isEqualTo(name));
        assertThat(MetricNames.canonical("cpu.usagePercent")).isIn(emitted).isEqualTo(CPU_USAGE);
        assertThat(MetricNames.canonical("memory.usagePercent")).isIn(emitted).isEqualTo(MEMORY_USAGE);
        // Every alias that names a host metric lands on a series this collector emits.
        Map<String, String> hostAliases = MetricNames.aliases().entrySet().stream()
                .filter(e -> !e.getValue().equals("vm_status"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(hostAliases).isNotEmpty().allSatisfy((alias, target) -> assertThat(emitted).as(alias).contains(target));
        // The seeds' own names (seed 000) are emitted as they are.
        assertThat(emitted).contains("cpu_usage", "memory_usage", "disk_free_percent");
    }

    private static List<String> labelValues(List<Sample> samples, String metric, String label) {
        return samples.stream().filter(s -> s.metric().equals(metric)).map(s -> s.labels().get(label)).collect(Collectors.toList());
    }
}
