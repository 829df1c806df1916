package io.vigil.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Prometheus' text exposition format (0.0.4) from a Dropwizard registry: counters and meters as
 * {@code _total} counters, numeric gauges as gauges, histograms and timers (in seconds) as
 * summaries with quantiles and a count. Names are sanitised ({@code vigil.samples.in} becomes
 * {@code vigil_samples_in_total}); gauges that are not numbers are left out.
 */
final class PrometheusText {
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_:]");
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99, 0.999};

    private final StringBuilder out = new StringBuilder();

    static String write(MetricRegistry registry, HttpMetrics http) {
        PrometheusText p = new PrometheusText();
        p.registry(registry);
        p.http(http);
        return p.out.toString();
    }

    static String name(String dropwizardName) {
        String n = INVALID.matcher(dropwizardName).replaceAll("_");
        return n.isEmpty() || Character.isDigit(n.charAt(0)) ? "_" + n : n;
    }

    private void registry(MetricRegistry r) {
        for (Map.Entry<String, Counter> e : r.getCounters().entrySet()) {
            String n = counterName(e.getKey());
            header(n, "counter", e.getKey());
            line(n, "", e.getValue().getCount());
        }
        for (Map.Entry<String, Meter> e : r.getMeters().entrySet()) {
            String n = counterName(e.getKey());
            header(n, "counter", e.getKey());
            line(n, "", e.getValue().getCount());
        }
        @SuppressWarnings("rawtypes")
        SortedMap<String, Gauge> gauges = r.getGauges();
        for (@SuppressWarnings("rawtypes") Map.Entry<String, Gauge> e : gauges.entrySet()) {
            Object v;
            try {
                v = e.getValue().getValue();
            } catch (RuntimeException ex) {
                continue; // a broken gauge must not break the scrape
            }
            if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
                String n = name(e.getKey());
                header(n, "gauge", e.getKey());
                line(n, "", num.doubleValue());
            } else if (v instanceof Boolean b) {
                String n = name(e.getKey());
                header(n, "gauge", e.getKey());
                line(n, "", b ? 1 : 0);
            }
        }
        for (Map.Entry<String, Histogram> e : r.getHistograms().entrySet()) {
            summary(name(e.getKey()), e.getKey(), e.getValue().getSnapshot(), e.getValue().getCount(), 1.0);
        }
        for (Map.Entry<String, Timer> e : r.getTimers().entrySet()) {
            summary(name(e.getKey()) + "_seconds", e.getKey(), e.getValue().getSnapshot(), e.getValue().getCount(), 1e-9);
        }
    }

    private void http(HttpMetrics http) {
        String n = "vigil_http_responses_total";
        header(n, "counter", "HTTP responses by method, route template and status");
        http.counts().forEach((k, v) -> line(n, "{method=\"" + k.method() + "\",route=\"" + escape(k.route())
                + "\",status=\"" + k.status() + "\"}", v));
    }

    private static String counterName(String name) {
        String n = name(name);
        return n.endsWith("_total") ? n : n + "_total";
    }

    private void summary(String n, String help, Snapshot snapshot, long count, double scale) {
        header(n, "summary", help);
        for (double q : QUANTILES) {
            line(n, "{quantile=\"" + q + "\"}", snapshot.getValue(q) * scale);
        }
        line(n + "_count", "", count);
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void line(String name, String labels, double value) {
        out.append(name).append(labels).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
