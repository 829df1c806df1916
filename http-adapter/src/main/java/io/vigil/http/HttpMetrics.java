package io.vigil.http;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The adapter's own metrics: a latency timer in the shared Dropwizard registry
 * ({@code vigil.http.requests}) and request counts by method, route template and status, which the
 * Prometheus endpoint writes with labels. Counting by template (not raw path) keeps the label set
 * bounded whatever paths clients invent; unknown paths count as {@code unmatched}.
 */
final class HttpMetrics {
    record Key(String method, String route, int status) {
    }

    private final Timer latency;
    private final ConcurrentMap<Key, LongAdder> counts = new ConcurrentHashMap<>();

    HttpMetrics(MetricRegistry registry) {
        this.latency = registry.timer("vigil.http.requests");
    }

    void record(String method, String route, int status, long nanos) {
        latency.update(nanos, TimeUnit.NANOSECONDS);
        counts.computeIfAbsent(new Key(knownMethod(method), route, status), k -> new LongAdder()).increment();
    }

    private static String knownMethod(String method) {
        switch (method) {
            case "GET": case "HEAD": case "POST": case "PUT": case "DELETE": case "OPTIONS": case "PATCH":
                return method;
            default:
                return "OTHER";
        }
    }

    /** The counts, ordered for stable output. */
    Map<Key, Long> counts() {
        Map<Key, Long> out = new TreeMap<>((a, b) -> {
            int c = a.route().compareTo(b.route());
            if (c == 0) {
                c = a.method().compareTo(b.method());
            }
            return c != 0 ? c : Integer.compare(a.status(), b.status());
        });
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
