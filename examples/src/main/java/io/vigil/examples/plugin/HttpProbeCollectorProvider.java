package io.vigil.examples.plugin;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.SampleSink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An example collector plugin: probes HTTP endpoints, for seed 000's "API response time" and
 * uptime scenarios without touching the probed service.
 *
 * <p>Properties (under {@code probe.} in the server's {@code collectors.plugins}):
 * {@code targets} (comma-separated URLs; without it the collector is unavailable), {@code timeout}
 * (default 5s), {@code interval} (default 30s).
 *
 * <p>Metrics, each labelled {@code target=<url>}: {@code probe_up} (1 when the endpoint answered
 * with a status below 500, else 0), {@code probe_duration_ms} and {@code probe_status_code} (when
 * it answered at all). A target that cannot be reached is recorded in the collector's health.
 *
 * <p>Registered in {@code META-INF/services/io.vigil.collectors.MetricCollectorProvider}; its test
 * passes the conformance kit.
 */
public final class HttpProbeCollectorProvider implements MetricCollectorProvider {
    public static final String NAME = "probe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
        List<String> targets = context.listProperty("targets", List.of());
        if (targets.isEmpty()) {
            throw new CollectorUnavailableException("no probe.targets configured");
        }
        List<URI> uris = new ArrayList<>();
        for (String t : targets) {
            URI uri = URI.create(t);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("probe.targets: '" + t + "' is not an http(s) URL");
            }
            uris.add(uri);
        }
        return new Probe(uris, context.durationProperty("timeout", Duration.ofSeconds(5)),
                context.durationProperty("interval", Duration.ofSeconds(30)), context.health());
    }

    /** The collector: one GET per target per collection. */
    static final class Probe implements MetricCollector {
        private final List<URI> targets;
        private final Duration timeout;
        private final Duration interval;
        private final CollectorHealth health;
        private final HttpClient client;
        private volatile boolean closed;

        Probe(List<URI> targets, Duration timeout, Duration interval, CollectorHealth health) {
            this.targets = List.copyOf(targets);
            this.timeout = timeout;
            this.interval = interval;
            this.health = health;
            this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Duration defaultInterval() {
            return interval;
        }

        @Override
        public void collect(SampleSink sink) throws InterruptedException {
            if (closed) {
                throw new IllegalStateException("the probe collector is closed");
            }
            for (URI target : targets) {
                Labels labels = Labels.of("target", target.toString());
                String component = "target " + target;
                HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
                // Elapsed time of a call is measured, not waited for: System.nanoTime is the right clock.
                long start = System.nanoTime();
                try {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    double millis = (System.nanoTime() - start) / 1e6;
                    sink.accept("probe_up", response.statusCode() < 500 ? 1 : 0, labels);
                    sink.accept("probe_duration_ms", millis, labels);
                    sink.accept("probe_status_code", response.statusCode(), labels);
                    health.clear(component);
                } catch (IOException e) {
                    sink.accept("probe_up", 0, labels);
                    health.problem(component, "unreachable: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
