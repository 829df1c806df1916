package io.vigil.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Health, version, Prometheus metrics and the OpenAPI document. */
final class SystemApi {
    private static final String TAG = "System";

    private final Services s;
    private final Supplier<List<Route>> routes;

    SystemApi(Services services, Supplier<List<Route>> routes) {
        this.s = services;
        this.routes = routes;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/health").publicAccess().style(Style.PLAIN).tag(TAG)
                        .summary("Health check (seed 001 shape, no credentials needed)").handler(this::health),
                Route.get("/api/v1/system/health").publicAccess().style(Style.KCLOUD).tag(TAG)
                        .summary("Health check (seed 004 shape, no credentials needed)").handler(this::systemHealth),
                Route.get("/api/v1/system/version").style(Style.KCLOUD).tag(TAG).summary("API version")
                        .handler(this::version),
                Route.get("/api/v1/system/metrics").style(Style.KCLOUD).tag(TAG)
                        .summary("Vigil's own metrics in Prometheus text format").produces("text/plain")
                        .handler(this::metrics),
                Route.get("/api/v1/openapi.json").publicAccess().tag(TAG).summary("This API's OpenAPI 3 document")
                        .handler(this::openApi));
    }

    private Reply health(Call call) {
        Health.Verdict v = Health.check(s);
        ObjectNode o = Json.object();
        o.put("status", v.wireName());
        o.put("service", "Vigil alerting");
        o.put("version", s.options.version());
        return Reply.json(v.httpStatus(), o);
    }

    private Reply systemHealth(Call call) {
        Health.Verdict v = Health.check(s);
        ObjectNode o = Json.object();
        o.put("status", v.wireName());
        o.put("timestamp", s.now().toString());
        o.put("version", s.options.version());
        o.set("checks", Health.checks(v));
        o.put("uptime_seconds", Math.max(0, Duration.between(s.startedAt, s.now()).toSeconds()));
        return Reply.json(v.httpStatus(), o);
    }

    private Reply version(Call call) {
        ObjectNode data = Json.object();
        data.put("api_version", s.options.version());
        data.put("api_name", "Vigil alerting");
        data.put("java_version", System.getProperty("java.version"));
        data.put("openapi", "/api/v1/openapi.json");
        ObjectNode o = Json.object();
        o.put("timestamp", s.now().toString());
        o.set("data", data);
        return Reply.json(200, o);
    }

    private Reply metrics(Call call) {
        return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8",
                PrometheusText.write(s.alerting.metrics(), s.metrics));
    }

    private Reply openApi(Call call) {
        return Reply.json(200, OpenApi.document(routes.get(), s.options.version()));
    }
}
