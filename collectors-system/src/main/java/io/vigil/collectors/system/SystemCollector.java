package io.vigil.collectors.system;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.vigil.collectors.system.SystemMetrics.*;

/**
 * Host metrics (see {@link SystemMetrics}) read through a {@link HostProbe}. Rates and CPU usage
 * come from the change in counters between two collections, timed by the context's clock. The
 * collector reads every counter once when it is created, so the first collection already reports
 * rates over the time since then (when any time has passed).
 *
 * <p>Each part (cpu, memory, filesystems, disks, network, load, os) is read on its own: a part
 * that fails is recorded in the collector's health under its name and the others are still
 * reported; the collection as a whole fails only when every part does.
 */
final class SystemCollector implements MetricCollector {
    static final String NAME = "system";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private static final SampleSink DISCARD = new SampleSink() {
        @Override
        public void accept(Sample sample) {
        }

        @Override
        public void accept(String metric, double value, Labels labels) {
        }

        @Override
        public void acceptState(String metric, String state, Labels labels) {
        }
    };

    @FunctionalInterface
    private interface Part {
        void read(SampleSink sink);
    }

    private final HostProbe probe;
    private final Clock clock;
    private final CollectorHealth health;
    private final Exclusions exclusions;
    private final Duration interval;
    private final Labels identity;
    private final CpuUsage cpu = new CpuUsage();
    private final CounterRates rates = new CounterRates();
    private volatile boolean closed;

    SystemCollector(HostProbe probe, CollectorContext context) {
        this.probe = probe;
        this.clock = context.clock();
        this.health = context.health();
        this.exclusions = Exclusions.from(context);
        this.interval = context.durationProperty("interval", DEFAULT_INTERVAL);
        if (interval.isZero()) {
            throw new IllegalArgumentException("property 'interval' must be positive, was 0");
        }
        this.identity = identityLabels(context, probe);
        prime();
    }

    /**
     * The labels every sample carries: the context's host labels, {@code host} set to the host
     * name when the context has none, and every {@code labels.<name>=<value>} property (these win).
     */
    static Labels identityLabels(CollectorContext context, HostProbe probe) {
        Labels labels = context.hostLabels();
        if (!labels.has("host")) {
            labels = labels.with("host", hostNameOf(probe));
        }
        Map<String, String> extras = context.propertiesWithPrefix("labels.");
        return labels.merge(Labels.of(extras));
    }

    private static String hostNameOf(HostProbe probe) {
        try {
            String name = probe.hostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (RuntimeException e) {
            return "localhost"; // a host name is not worth losing every metric over
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration defaultInterval() {
        return interval;
    }

    /** The labels every sample carries. */
    Labels identity() {
        return identity;
    }

    @Override
    public void collect(SampleSink sink) {
        if (closed) {
            throw new IllegalStateException("the system collector is closed");
        }
        rates.begin(clock.instant());
        int failed = read("cpu", sink, this::readCpu)
                + read("memory", sink, this::readMemory)
                + read("filesystems", sink, this::readFileSystems)
                + read("disks", sink, this::readDisks)
                + read("network", sink, this::readNetwork)
                + read("load", sink, this::readLoad)
                + read("os", sink, this::readOs);
        rates.end();
        if (failed == 7) {
            throw new IllegalStateException("no host metric could be read: " + health.problems());
        }
    }

    @Override
    public void close() {
        closed = true; // OSHI holds nothing that needs releasing
    }

    /** Takes the first reading of every counter, so that the first collection has something to compare with. */
    private void prime() {
        rates.begin(clock.instant());
        read("cpu", DISCARD, this::readCpu);
        read("disks", DISCARD, this::readDisks);
        read("network", DISCARD, this::readNetwork);
        rates.end();
    }

    /** Reads one part; returns 1 if it failed (recorded in health), 0 if it worked. */
    private int read(String part, SampleSink sink, Part reader) {
        try {
            reader.read(sink);
            health.clear(part);
            return 0;
        } catch (RuntimeException | LinkageError e) { // LinkageError: a native library OSHI needs is missing
            health.problem(part, e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    private void readCpu(SampleSink sink) {
        emit(sink, CPU_USAGE, cpu.update(probe.cpuTicks()), identity);
    }

    private void readMemory(SampleSink sink) {
        HostProbe.Memory m = probe.memory();
        if (m.totalBytes() <= 0) {
            throw new IllegalStateException("total memory reads as " + m.totalBytes());
        }
        long used = clamp(m.totalBytes() - m.availableBytes(), m.totalBytes());
        emit(sink, MEMORY_USAGE, percent(used, m.totalBytes()), identity);
        emit(sink, MEMORY_USED_BYTES, used, identity);
        emit(sink, MEMORY_AVAILABLE_BYTES, m.totalBytes() - used, identity);
        emit(sink, MEMORY_TOTAL_BYTES, m.totalBytes(), identity);

        long swapTotal = Math.max(0, m.swapTotalBytes());
        long swapUsed = clamp(m.swapUsedBytes(), swapTotal);
        emit(sink, SWAP_USAGE, swapTotal == 0 ? 0 : percent(swapUsed, swapTotal), identity);
        emit(sink, SWAP_USED_BYTES, swapUsed, identity);
        emit(sink, SWAP_TOTAL_BYTES, swapTotal, identity);
    }

    private void readFileSystems(SampleSink sink) {
        Set<String> seen = new HashSet<>();
        for (HostProbe.FileStore fs : probe.fileStores()) {
            // A size of 0 is a pseudo file system that slipped through; a mount listed twice (stacked
            // mounts) has one visible file system, reported once.
            if (fs.totalBytes() <= 0 || exclusions.excludes(fs) || !seen.add(fs.mount())) {
                continue;
            }
            Labels labels = identity.with(MOUNT_LABEL, fs.mount());
            long free = clamp(fs.usableBytes(), fs.totalBytes());
            double freePercent = percent(free, fs.totalBytes());
            emit(sink, DISK_USAGE, 100.0 - freePercent, labels);
            emit(sink, DISK_FREE_PERCENT, freePercent, labels);
            emit(sink, DISK_FREE_BYTES, free, labels);
            emit(sink, DISK_TOTAL_BYTES, fs.totalBytes(), labels);
        }
    }

    private void readDisks(SampleSink sink) {
        Set<String> seen = new HashSet<>();
        for (HostProbe.Disk d : probe.disks()) {
            if (exclusions.excludesDisk(d.name()) || !seen.add(d.name())) {
                continue;
            }
            Labels labels = identity.with(DISK_LABEL, d.name());
            emit(sink, DISK_READ_BYTES_PER_SECOND, rates.rate("disk read " + d.name(), d.readBytes()), labels);
            emit(sink, DISK_WRITE_BYTES_PER_SECOND, rates.rate("disk write " + d.name(), d.writeBytes()), labels);
        }
    }

    private void readNetwork(SampleSink sink) {
        Set<String> seen = new HashSet<>();
        for (HostProbe.NetworkInterface n : probe.networkInterfaces()) {
            if (exclusions.excludesInterface(n.name()) || !seen.add(n.name())) {
                continue;
            }
            Labels labels = identity.with(INTERFACE_LABEL, n.name());
            String key = "if " + n.name() + " ";
            emit(sink, NETWORK_RECEIVE_BYTES_PER_SECOND, rates.rate(key + "rx", n.bytesReceived()), labels);
            emit(sink, NETWORK_TRANSMIT_BYTES_PER_SECOND, rates.rate(key + "tx", n.bytesSent()), labels);
            emit(sink, NETWORK_RECEIVE_ERRORS_PER_SECOND, rates.rate(key + "rx errors", n.inErrors()), labels);
            emit(sink, NETWORK_TRANSMIT_ERRORS_PER_SECOND, rates.rate(key + "tx errors", n.outErrors()), labels);
        }
    }

    private void readLoad(SampleSink sink) {
        HostProbe.LoadAverage load = probe.loadAverage();
        if (load == null) {
            return; // the platform has no load average: nothing is wrong
        }
        emit(sink, LOAD_AVERAGE_1M, load.oneMinute(), identity);
        emit(sink, LOAD_AVERAGE_5M, load.fiveMinutes(), identity);
        emit(sink, LOAD_AVERAGE_15M, load.fifteenMinutes(), identity);
    }

    private void readOs(SampleSink sink) {
        emit(sink, UPTIME_SECONDS, probe.uptimeSeconds(), identity);
        emit(sink, PROCESS_COUNT, probe.processCount(), identity);
    }

    /** NaN means "no value this time" (a rate's first sighting); it is left out, as the sink requires. */
    private static void emit(SampleSink sink, String metric, double value, Labels labels) {
        if (Double.isFinite(value)) {
            sink.accept(metric, value, labels);
        }
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / whole;
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }
}
