package io.vigil.collectors.gpu;

import com.sun.jna.Pointer;
import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * NVIDIA GPUs through NVML: per-GPU power, temperature, utilization, memory, clocks, PCIe
 * throughput, fan, energy, ECC, throttle reasons and XID events as samples (names in
 * {@link GpuMetrics}), plus the static {@link #inventory()} and the latest {@link #summary()}.
 *
 * <p>NVML is initialised once when the collector is created and shut down by {@link #close()}.
 * The device count is checked at every collection; the devices are enumerated again when it
 * changes or when a GPU was lost, so GPUs that appear, disappear or come back after a reset are
 * followed without a restart. Nothing NVML answers makes {@link #collect} throw: problems go to
 * the {@link CollectorHealth} per device and field.
 *
 * <p>{@link #collect} and {@link #close} exclude each other; {@link #inventory()} and
 * {@link #summary()} may be called from any thread at any time and answer immutable snapshots.
 */
public final class GpuCollector implements MetricCollector {
    /** The library NVML ships as with the driver (the unversioned name exists only with development packages). */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Health component for nvmlDeviceGetCount_v2. */
    static final String DEVICE_COUNT = "device_count";

    private final ReentrantLock lock = new ReentrantLock();
    private final NvmlSession session;
    private final NvmlLibrary nvml;
    private final CollectorHealth health;
    private final Labels hostLabels;
    private final Duration interval;
    private final GpuSampler sampler;
    private final XidEvents xid;
    private final Optional<String> driverVersion;
    private final Optional<String> cudaDriverVersion;

    /** Every GPU ever seen, by UUID, in the order first seen. */
    private final Map<String, TrackedGpu> known = new LinkedHashMap<>();
    /** The GPUs of the latest enumeration, by index. */
    private List<TrackedGpu> present = List.of();
    private int enumeratedCount = -1;
    private boolean needsEnumeration = true;
    private boolean countFailing;
    private boolean closed;

    private volatile GpuInventory inventory = GpuInventory.empty();
    private volatile GpuSummary summary = GpuSummary.empty();

    private GpuCollector(CollectorContext context, NvmlLibrary nvml, Duration interval) {
        this.nvml = nvml;
        this.session = new NvmlSession(nvml);
        this.health = context.health();
        this.hostLabels = context.hostLabels();
        this.interval = interval;
        this.sampler = new GpuSampler(session, health);
        this.xid = new XidEvents(session, health);
        this.driverVersion = readDriverVersion();
        this.cudaDriverVersion = readCudaDriverVersion();
        lock.lock();
        try {
            refreshDevices();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loads NVML as configured ({@code library}: file name or path, default
     * {@value #DEFAULT_LIBRARY}; {@code binding}: {@code direct} or {@code interface}), initialises
     * it and enumerates the GPUs.
     *
     * @throws CollectorUnavailableException when the library cannot be loaded, is not NVML, or
     *                                       {@code nvmlInit_v2} fails (the reason says which)
     */
    public static GpuCollector open(CollectorContext context) throws CollectorUnavailableException {
        String library = context.property("library", DEFAULT_LIBRARY);
        Duration interval;
        try {
            interval = context.durationProperty("interval", DEFAULT_INTERVAL);
        } catch (IllegalArgumentException e) {
            throw new CollectorUnavailableException("gpu collector: " + e.getMessage());
        }
        NvmlLibrary nvml = NvmlBinding.parse(context.property("binding", "direct")).load(library);
        int rc = nvml.nvmlInit_v2();
        if (rc != Nvml.SUCCESS) {
            throw new CollectorUnavailableException("NVML initialisation failed ('" + library + "'): "
                    + new NvmlSession(nvml).describe(rc));
        }
        try {
            return new GpuCollector(context, nvml, interval);
        } catch (RuntimeException | LinkageError e) {
            nvml.nvmlShutdown();
            throw new CollectorUnavailableException("NVML answered unexpectedly while the GPUs were enumerated: " + e, e);
        }
    }

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public Duration defaultInterval() {
        return interval;
    }

    /** The devices of the latest enumeration; immutable, safe from any thread. */
    public GpuInventory inventory() {
        return inventory;
    }

    /** The summary of the latest collection (empty before the first); safe from any thread. */
    public GpuSummary summary() {
        return summary;
    }

    /** @throws IllegalStateException after {@link #close()} */
    @Override
    public void collect(SampleSink sink) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the GPU collector is closed");
            }
            refreshDevices();
            xid.drain(known.values());
            SummaryAccumulator totals = new SummaryAccumulator();
            String node = hostLabels.get("host");
            for (TrackedGpu gpu : present) {
                if (gpu.isLost()) {
                    // lost earlier and not enumerated since (the device count could not be read)
                    sink.accept(GpuMetrics.UP, 0, gpu.labels());
                } else {
                    sampler.sample(gpu, sink);
                }
                if (gpu.isLost()) {
                    needsEnumeration = true;
                }
                totals.add(node, !gpu.isLost(), gpu.powerWatts, gpu.temperatureCelsius, gpu.utilizationPercent,
                        gpu.memoryUsedMb, gpu.memoryTotalMb);
            }
            for (TrackedGpu gpu : known.values()) {
                if (!present.contains(gpu)) {
                    // gone since the last enumeration: keep saying so until it answers again
                    sink.accept(GpuMetrics.UP, 0, gpu.labels());
                    totals.add(node, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
                }
            }
            summary = totals.result();
        } finally {
            lock.unlock();
        }
    }

    /** Releases the event set and NVML; further collections fail, the inventory stays readable. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            xid.close();
            nvml.nvmlShutdown();
            session.close();
        } finally {
            lock.unlock();
        }
    }

    /** Reads the device count and enumerates again when it changed or a GPU needs finding again. */
    private void refreshDevices() {
        int rc = nvml.nvmlDeviceGetCount_v2(session.out());
        if (rc != Nvml.SUCCESS) {
            countFailing = true;
            health.problem(DEVICE_COUNT, "nvmlDeviceGetCount_v2 failed: " + session.describe(rc));
            return;
        }
        if (countFailing) {
            countFailing = false;
            health.clear(DEVICE_COUNT);
        }
        int count = session.out().getInt(0);
        if (needsEnumeration || count != enumeratedCount) {
            enumerate(count);
        }
    }

    private void enumerate(int count) {
        needsEnumeration = false;
        List<TrackedGpu> found = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            TrackedGpu gpu = find(index);
            if (gpu == null) {
                needsEnumeration = true; // try this index again at the next collection
            } else {
                found.add(gpu);
            }
        }
        for (TrackedGpu gpu : present) {
            if (!found.contains(gpu) && !gpu.isLost()) {
                GpuSampler.lose(gpu, health, "NVML no longer enumerates it");
            }
        }
        present = List.copyOf(found);
        enumeratedCount = count;
        inventory = new GpuInventory(driverVersion, cudaDriverVersion,
                present.stream().map(TrackedGpu::device).toList());
    }

    /** The GPU at {@code index}, (re)bound and registered for events when new or changed; null when it cannot be read. */
    private TrackedGpu find(int index) {
        String component = "gpu" + index + ".device";
        int rc = nvml.nvmlDeviceGetHandleByIndex_v2(index, session.out());
        if (rc != Nvml.SUCCESS) {
            health.problem(component, "nvmlDeviceGetHandleByIndex_v2 failed: " + session.describe(rc));
            return null;
        }
        Pointer handle = session.out().getPointer(0);
        rc = nvml.nvmlDeviceGetUUID(handle, session.text(), Nvml.STRING_BUFFER_SIZE);
        if (rc != Nvml.SUCCESS) {
            health.problem(component, "nvmlDeviceGetUUID failed: " + session.describe(rc));
            return null;
        }
        String uuid = session.readText();
        TrackedGpu gpu = known.get(uuid);
        boolean unchanged = gpu != null && !gpu.isLost() && present.contains(gpu)
                && gpu.device().index() == index && handle.equals(gpu.handle());
        if (!unchanged) {
            InventoryReader reader = new InventoryReader(session);
            Optional<GpuDevice> device = reader.read(index, handle, uuid, driverVersion, cudaDriverVersion);
            if (device.isEmpty()) {
                health.problem(component, "GPU " + uuid + " was lost while its inventory was read");
                return null;
            }
            String inventoryComponent = "gpu" + index + ".inventory";
            if (reader.problems().isEmpty()) {
                health.clear(inventoryComponent);
            } else {
                health.problem(inventoryComponent, String.join("; ", reader.problems()));
            }
            if (gpu == null) {
                gpu = new TrackedGpu(uuid);
                known.put(uuid, gpu);
            }
            gpu.bind(handle, device.get(), hostLabels);
            xid.register(gpu);
        }
        health.clear(component);
        return gpu;
    }

    private Optional<String> readDriverVersion() {
        int rc = nvml.nvmlSystemGetDriverVersion(session.text(), Nvml.STRING_BUFFER_SIZE);
        return systemFact(rc, "driver_version", "nvmlSystemGetDriverVersion")
                ? Optional.of(session.readText()) : Optional.empty();
    }

    private Optional<String> readCudaDriverVersion() {
        int rc = nvml.nvmlSystemGetCudaDriverVersion(session.out());
        return systemFact(rc, "cuda_driver_version", "nvmlSystemGetCudaDriverVersion")
                ? Optional.of(Nvml.cudaVersion(session.out().getInt(0))) : Optional.empty();
    }

    private boolean systemFact(int rc, String component, String function) {
        if (rc == Nvml.SUCCESS) {
            return true;
        }
        if (rc != Nvml.ERROR_NOT_SUPPORTED) {
            health.problem(component, function + " failed: " + session.describe(rc));
        }
        return false;
    }
}
