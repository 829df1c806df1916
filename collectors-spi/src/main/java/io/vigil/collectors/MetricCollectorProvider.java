package io.vigil.collectors;

/**
 * Creates a {@link MetricCollector} from configuration; found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/io.vigil.collectors.MetricCollectorProvider}.
 */
public interface MetricCollectorProvider {

    /** The collector's name, also the prefix of its configuration keys ({@code gpu.interval}). */
    String name();

    /**
     * Creates the collector. Throws {@link CollectorUnavailableException} with the reason when it
     * cannot run here (no NVIDIA driver, no IPMI tool, not configured); must not throw anything else
     * for an environment problem.
     */
    MetricCollector create(CollectorContext context) throws CollectorUnavailableException;
}
