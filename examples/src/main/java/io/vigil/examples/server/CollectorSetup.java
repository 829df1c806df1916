package io.vigil.examples.server;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.runtime.CollectorStatus;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.gpu.GpuCollector;
import io.vigil.examples.server.config.ConfigException;
import io.vigil.examples.server.config.ConfigProblem;
import io.vigil.examples.server.config.ServerConfig.CollectorsConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code collectors} configuration into the runtime's collector discovery: the system,
 * GPU and IPMI collectors and any plugin on the class path are found with {@code ServiceLoader}
 * and given their properties. The GPU collector is opened here instead, when a driver is present,
 * because the HTTP adapter's GPU endpoints need its inventory.
 */
final class CollectorSetup implements AutoCloseable {
    /** What the runtime says of a collector whose provider threw something other than "unavailable". */
    private static final String FAILED_TO_START = "failed to start";

    private final Map<String, String> discovery;
    private final Labels hostLabels;
    private final GpuCollector gpu;
    private final Duration gpuInterval;
    private final CollectorHealth gpuHealth;

    private CollectorSetup(Map<String, String> discovery, Labels hostLabels, GpuCollector gpu, Duration gpuInterval,
                           CollectorHealth gpuHealth) {
        this.discovery = discovery;
        this.hostLabels = hostLabels;
        this.gpu = gpu;
        this.gpuInterval = gpuInterval;
        this.gpuHealth = gpuHealth;
    }

    static CollectorSetup prepare(CollectorsConfig config, Clock clock) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("host", localHostName());
        labels.putAll(config.hostLabels());
        Labels hostLabels = Labels.of(labels);

        Map<String, String> d = new LinkedHashMap<>();
        // The bridge needs the host application's registry; the server has none to offer.
        d.put("dropwizard.enabled", "false");
        d.putAll(config.plugins());
        d.put("system.enabled", Boolean.toString(config.system().enabled()));
        d.put("system.interval", millis(config.system().interval()));
        d.put("ipmi.enabled", Boolean.toString(config.ipmi().enabled()));
        d.put("ipmi.interval", millis(config.ipmi().interval()));
        if (!config.ipmi().targets().isEmpty()) {
            d.put("ipmi.targets", String.join(",", config.ipmi().targets()));
        }
        config.ipmi().properties().forEach((k, v) -> d.put("ipmi." + k, v));
        d.put("gpu.interval", millis(config.gpu().interval()));
        if (config.gpu().library() != null) {
            d.put("gpu.library", config.gpu().library());
        }

        GpuCollector gpu = null;
        CollectorHealth gpuHealth = new CollectorHealth(clock);
        if (config.gpu().enabled()) {
            gpu = openGpu(d, hostLabels, clock, gpuHealth);
        }
        // Opened here: discovery must not open it twice. Unavailable or off: discovery lists why.
        d.put("gpu.enabled", Boolean.toString(config.gpu().enabled() && gpu == null));
        return new CollectorSetup(Map.copyOf(d), hostLabels, gpu, config.gpu().interval(), gpuHealth);
    }

    private static GpuCollector openGpu(Map<String, String> discovery, Labels hostLabels, Clock clock,
                                        CollectorHealth health) {
        Map<String, String> props = new LinkedHashMap<>();
        discovery.forEach((k, v) -> {
            if (k.startsWith("gpu.")) {
                props.put(k.substring(4), v);
            }
        });
        try {
            return GpuCollector.open(CollectorContext.builder().properties(props).clock(clock)
                    .hostLabels(hostLabels).health(health).build());
        } catch (CollectorUnavailableException e) {
            return null;
        }
    }

    /** Adds the collectors to the runtime being built. */
    void configure(Alerting.Builder builder) {
        builder.hostLabels(hostLabels).discoverCollectors(discovery);
        if (gpu != null) {
            builder.collector(gpu, gpuInterval, gpuHealth);
        }
    }

    /** The GPU collector when a driver was found, else {@code null}. */
    GpuCollector gpu() {
        return gpu;
    }

    Labels hostLabels() {
        return hostLabels;
    }

    /**
     * Refuses to run with a collector that is configured wrongly (an invalid IPMI property): it
     * would otherwise sit in the health page while the operator believes it collects.
     */
    static void requireStarted(List<CollectorStatus> collectors) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (CollectorStatus s : collectors) {
            if (!s.available() && s.unavailableReason() != null && s.unavailableReason().startsWith(FAILED_TO_START)) {
                String key = switch (s.name()) {
                    case "system", "gpu", "ipmi" -> "collectors." + s.name();
                    default -> "collectors.plugins";
                };
                problems.add(new ConfigProblem(key, "", "the " + s.name() + " collector " + s.unavailableReason()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /**
     * Closes the GPU collector opened here. The runtime closes it too once it has been handed over;
     * this is for a start that fails before that. Closing twice is allowed for collectors.
     */
    @Override
    public void close() {
        if (gpu != null) {
            gpu.close();
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
