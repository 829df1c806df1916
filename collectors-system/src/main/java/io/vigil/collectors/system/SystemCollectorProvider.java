package io.vigil.collectors.system;

import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;

/**
 * The {@code system} collector: host CPU, memory, swap, file systems, disk and network I/O, load,
 * uptime and process count through OSHI. Metric names are in {@link SystemMetrics}.
 *
 * <p>Properties (under the {@code system.} prefix in Vigil's configuration):
 * <ul>
 *   <li>{@code interval} — default 10s</li>
 *   <li>{@code labels.<name>} — an extra identity label on every sample ({@code labels.rack=r12});
 *       {@code labels.host} replaces the host name</li>
 *   <li>{@code exclude.fsTypes}, {@code exclude.mounts}, {@code exclude.devices},
 *       {@code exclude.interfaces} — comma-separated; replace the defaults, empty switches them off</li>
 *   <li>{@code filesystems.localOnly} — default true: network file systems are left out</li>
 * </ul>
 */
public final class SystemCollectorProvider implements MetricCollectorProvider {

    @Override
    public String name() {
        return SystemCollector.NAME;
    }

    @Override
    public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
        boolean localOnly = context.booleanProperty("filesystems.localOnly", true);
        HostProbe probe;
        try {
            probe = new OshiHostProbe(localOnly);
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new CollectorUnavailableException("OSHI cannot read this host: " + e, e);
        }
        return new SystemCollector(probe, context);
    }
}
