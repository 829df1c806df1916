package io.vigil.collectors.ipmi;

import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;

import java.nio.file.Files;

/**
 * Creates the {@code ipmi} collector from its configuration properties (see {@link IpmiProperties}
 * and the module README). Found through {@link java.util.ServiceLoader}.
 */
public final class IpmiCollectorProvider implements MetricCollectorProvider {

    @Override
    public String name() {
        return IpmiCollector.NAME;
    }

    /**
     * @throws io.vigil.alerting.api.AlertingException for invalid properties, listing all of them
     * @throws CollectorUnavailableException           when no tool is installed, or nothing is
     *                                                 configured and there is no local BMC
     */
    @Override
    public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
        return IpmiProperties.parse(context, System::getenv, Files::exists).build();
    }
}
