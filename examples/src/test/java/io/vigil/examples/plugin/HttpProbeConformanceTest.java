package io.vigil.examples.plugin;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.testkit.MetricCollectorConformanceTest;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.InetAddress;

/** The example collector plugin passes the conformance kit against a real HTTP server on 127.0.0.1. */
class HttpProbeConformanceTest extends MetricCollectorConformanceTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(request.getPath().equals("/down") ? 503 : 200);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    @Override
    protected MetricCollectorProvider provider() {
        return new HttpProbeCollectorProvider();
    }

    @Override
    protected CollectorContext context() {
        return CollectorContext.builder()
                .clock(clock())
                .hostLabels(Labels.of("host", "conformance-host"))
                .property("targets", server.url("/health") + "," + server.url("/down"))
                .property("timeout", "2s")
                .build();
    }
}
