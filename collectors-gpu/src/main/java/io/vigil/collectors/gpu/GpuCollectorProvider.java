package io.vigil.collectors.gpu;

import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;

/**
 * Creates the {@code gpu} collector. Properties (prefix {@code gpu.}): {@code library} (NVML file
 * name or absolute path, default {@value GpuCollector#DEFAULT_LIBRARY}), {@code binding}
 * ({@code direct}, the default, or {@code interface}), {@code interval}.
 */
public final class GpuCollectorProvider implements MetricCollectorProvider {

    @Override
    public String name() {
        return "gpu";
    }

    /** @throws CollectorUnavailableException without an NVIDIA driver, with the reason */
    @Override
    public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
        return GpuCollector.open(context);
    }
}
