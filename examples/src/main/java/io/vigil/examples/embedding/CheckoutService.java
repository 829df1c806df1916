package io.vigil.examples.embedding;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the host application: a service that already measures itself with Dropwizard
 * Metrics, in its own registry, the way services do before they ever hear of Vigil. Nothing here
 * knows about alerting; {@link EmbeddedAlerting} bridges these metrics.
 *
 * <ul>
 *   <li>{@code checkout.requests}: a timer of request durations (the last 200 requests);</li>
 *   <li>{@code checkout.error_rate}: a gauge, the percentage of failed requests among the last 200;</li>
 *   <li>{@code db.connections}: a gauge, connections the pool has open.</li>
 * </ul>
 */
public final class CheckoutService {
    private static final int WINDOW = 200;

    private final Timer requests;
    private final boolean[] outcomes = new boolean[WINDOW];
    private int next;
    private int recorded;
    private final AtomicInteger openConnections = new AtomicInteger();

    public CheckoutService(MetricRegistry metrics) {
        this.requests = metrics.timer("checkout.requests", () -> new Timer(new SlidingWindowReservoir(WINDOW)));
        metrics.gauge("checkout.error_rate", () -> (Gauge<Double>) this::errorRatePercent);
        metrics.gauge("db.connections", () -> (Gauge<Integer>) openConnections::get);
    }

    /** Records one handled request: how long it took and whether it failed. */
    public synchronized void handled(Duration took, boolean failed) {
        requests.update(took.toNanos(), TimeUnit.NANOSECONDS);
        outcomes[next] = failed;
        next = (next + 1) % WINDOW;
        recorded = Math.min(recorded + 1, WINDOW);
    }

    /** The connection pool reports how many connections it holds. */
    public void connectionsOpen(int connections) {
        openConnections.set(connections);
    }

    private synchronized double errorRatePercent() {
        if (recorded == 0) {
            return 0;
        }
        int failed = 0;
        for (int i = 0; i < recorded; i++) {
            if (outcomes[i]) {
                failed++;
            }
        }
        return 100.0 * failed / recorded;
    }
}
