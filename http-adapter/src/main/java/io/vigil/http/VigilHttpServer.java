package io.vigil.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.alerting.runtime.Alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Vigil's REST API on the JDK's built-in HTTP server, in one line:
 *
 * <pre>{@code
 * VigilHttpServer server = VigilHttpServer.start(alerting, HttpOptions.builder()
 *     .basicUser("admin", Secret.of(password), Role.ADMIN)
 *     .build());
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>It serves seed 003's API under {@code /api/v1/alerts}, seed 000's under {@code /api/alerts},
 * seed 004's GPU, IPMI and system endpoints, seed 002's channels and dashboard, seed 001's
 * templates, metric ingest, Server-Sent Events and an OpenAPI document at
 * {@code /api/v1/openapi.json} (see the module's README). Requests run on a bounded pool; when it
 * and its queue are full, requests get 503 at once.
 */
public final class VigilHttpServer implements AutoCloseable {
    static {
        // The JDK server writes the status line and the body in separate segments; with Nagle's
        // algorithm on, the body waits for the client's delayed ACK (about 40 ms per response).
        // The property is read once, when the JDK's server configuration loads, so it is set here
        // unless the host chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final Alerting alerting;
    private final EventHub events;
    private final WorkerPool pool;
    private final InFlight inFlight = new InFlight();
    private final RouteTable routes;
    private final boolean tls;
    private final Object stopLock = new Object();
    private boolean stopped;

    private VigilHttpServer(Alerting alerting, HttpOptions options) throws IOException {
        this.alerting = alerting;
        this.tls = options.tls() != null;
        this.events = new EventHub(options.eventReplayBuffer(), options.maxEventStreams(), options.eventKeepAlive(),
                alerting.clock());
        Json json = new Json(options.maxJsonDepth(), options.maxBodyBytes());
        HttpMetrics metrics = new HttpMetrics(alerting.metrics());
        Services services = new Services(alerting, options, events, metrics);
        List<Route> all = new ArrayList<>();
        all.addAll(new RulesApi(services).routes());
        all.addAll(new RecordsApi(services).routes());
        all.addAll(new NotificationsApi(services).routes());
        all.addAll(new EventsApi(services).routes());
        all.addAll(new Seed000Api(services).routes());
        all.addAll(new HardwareApi(services).routes());
        all.addAll(new IngestApi(services).routes());
        all.addAll(new ChannelsApi(services).routes());
        all.addAll(new TemplatesApi(services).routes());
        all.addAll(new DashboardApi(services).routes());
        all.addAll(new SystemApi(services, () -> routes().routes()).routes());
        this.routes = new RouteTable(all);

        InetSocketAddress address = new InetSocketAddress(options.bindAddress(), options.port());
        if (tls) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(options.tls()));
            this.server = https;
        } else {
            this.server = HttpServer.create(address, 0);
        }
        this.pool = new WorkerPool(options.threads(), options.queueCapacity());
        server.setExecutor(pool);
        server.createContext("/", new Dispatcher(routes, new Authenticator(options), json, options,
                new ErrorReplies(alerting.clock()), metrics, inFlight));
        alerting.addListener(events);
        server.start();
    }

    /**
     * Starts serving {@code alerting} as {@code options} say. Throws {@link UncheckedIOException}
     * if the address cannot be bound (port taken).
     */
    public static VigilHttpServer start(Alerting alerting, HttpOptions options) {
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(options, "options");
        try {
            return new VigilHttpServer(alerting, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.bindAddress().getHostAddress() + ":" + options.port(), e);
        }
    }

    RouteTable routes() {
        return routes;
    }

    EventHub events() {
        return events;
    }

    WorkerPool pool() {
        return pool;
    }

    boolean stopping() {
        return inFlight.stopping();
    }

    /** The address it listens on (with the actual port when started on port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:8000} (or https). */
    public URI baseUri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((tls ? "https://" : "http://") + host + ":" + a.getPort());
    }

    /**
     * Stops gracefully: new requests get 503, requests already running may finish within
     * {@code grace}, event streams are closed, then the listener and the workers go. Idempotent.
     *
     * @return whether every running request finished within the grace period
     */
    public boolean stop(Duration grace) {
        synchronized (stopLock) {
            if (stopped) {
                return true;
            }
            stopped = true;
        }
        boolean drained;
        try {
            drained = inFlight.drain(Math.max(0, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        alerting.removeListener(events);
        events.close();
        server.stop(0);
        pool.shutdown(1000);
        return drained;
    }

    /** Stops with a five-second grace period. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
