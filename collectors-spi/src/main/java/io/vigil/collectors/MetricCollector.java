package io.vigil.collectors;

import java.time.Duration;

/**
 * Reads metrics from somewhere (the host, a GPU, a BMC, an application) when asked. The runtime
 * calls {@link #collect} at the collector's interval on its own thread, with a timeout, and isolates
 * failures: a collector that throws or hangs delays no other. A collector is called by one thread
 * at a time.
 *
 * <pre>{@code
 * final class QueueDepthCollector implements MetricCollector {
 *     public String name() { return "queue"; }
 *     public Duration defaultInterval() { return Duration.ofSeconds(10); }
 *     public void collect(SampleSink sink) {
 *         sink.accept("queue_depth", queue.size(), Labels.of("queue", "orders"));
 *     }
 * }
 * }</pre>
 *
 * <p>A {@link MetricCollectorProvider} creates it and is listed in
 * {@code META-INF/services/io.vigil.collectors.MetricCollectorProvider}; the conformance test kit
 * ({@code collectors-testkit}) checks both.
 */
public interface MetricCollector extends AutoCloseable {

    /** Short, stable name ({@code system}, {@code gpu}, {@code ipmi}); used in health and self-metrics. */
    String name();

    /** How often to collect unless configured otherwise. */
    Duration defaultInterval();

    /**
     * Reads the current values into {@code sink}. Partial failures (one field, one target) belong
     * in the collector's health; an exception means the whole collection failed.
     */
    void collect(SampleSink sink) throws Exception;

    /**
     * Releases native handles, processes and threads. Closing twice does nothing the second time.
     * Collecting after close either throws {@link IllegalStateException} or emits nothing.
     */
    @Override
    default void close() {
    }
}
