package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.testkit.MetricCollectorConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The IPMI collector passes the plugin conformance kit reading a real simulated BMC over lanplus. */
class IpmiCollectorConformanceTest extends MetricCollectorConformanceTest {
    @TempDir
    static Path tmp;
    private static IpmiSimulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        IpmiSimulator.requireInstalled();
        sim = IpmiSimulator.start(tmp.resolve("sim"));
    }

    @AfterAll
    static void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @Override
    protected MetricCollectorProvider provider() {
        return new IpmiCollectorProvider();
    }

    @Override
    protected CollectorContext context() {
        return CollectorContext.builder()
                .clock(clock())
                .hostLabels(Labels.of("host", "conformance-host"))
                .property("targets", "sim")
                .property("target.sim.host", "127.0.0.1")
                .property("target.sim.port", Integer.toString(sim.port))
                .property("target.sim.user", IpmiSimulator.USER)
                .property("target.sim.password", IpmiSimulator.PASSWORD)
                .property("target.sim.workarounds", "opensesspriv")
                .property("target.sim.cipherSuite", "3")
                .property("target.sim.privilege", "admin")
                .build();
    }
}
