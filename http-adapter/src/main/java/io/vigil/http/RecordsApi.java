package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.runtime.AlertRecords;
import io.vigil.alerting.runtime.AlertStatistics;
import io.vigil.alerting.runtime.BatchResult;
import io.vigil.alerting.runtime.TrendPoint;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Seed 003's alert records, statistics and trends under {@code /api/v1/alerts}, with CSV reports. */
final class RecordsApi {
    private static final String BASE = "/api/v1/alerts";
    private static final String TAG = "Alert records (seed 003)";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final int MAX_TREND_POINTS = 10_000;

    private final Services s;
    private final AlertRecords records;

    RecordsApi(Services services) {
        this.s = services;
        this.records = services.alerting.records();
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE + "/records").tag(TAG)
                        .summary("List alert records, newest first; as a CSV report with format=csv or Accept: text/csv (alert:export)")
                        .pageQuery()
                        .query("status", "string", "active, acknowledged, resolved, ignored (comma-separated for several)")
                        .query("severity", "string", "low, medium, high, critical (comma-separated for several)")
                        .query("ruleId", "string", "only this rule's records")
                        .query("vmId", "string", "only records labelled vm=<vmId>")
                        .query("groupId", "string", "only records labelled group=<groupId>")
                        .query("clusterId", "string", "only records labelled cluster=<clusterId>")
                        .query("host", "string", "only records labelled host=<host>")
                        .query("startTime", "date-time", "triggered at or after")
                        .query("endTime", "date-time", "triggered before")
                        .query("format", "string", "json (default) or csv")
                        .produces("application/json", "text/csv")
                        .handler(this::list),
                Route.get(BASE + "/records/{id}").tag(TAG).summary("Get one alert record").handler(this::get),
                Route.put(BASE + "/records/{id}/acknowledge").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Acknowledge an alert").body("{note?: string}").handler(this::acknowledge),
                Route.put(BASE + "/records/batch/acknowledge").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Acknowledge many alerts").body("{alertIds: string[], note?: string}").handler(this::batchAcknowledge),
                Route.put(BASE + "/records/{id}/resolve").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Mark an alert resolved").body("{resolution?: string}").handler(this::resolve),
                Route.put(BASE + "/records/{id}/ignore").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Ignore an alert").body("{note?: string}").handler(this::ignore),
                Route.get(BASE + "/statistics").tag(TAG)
                        .summary("Alert statistics (overview, by severity, metric, VM, rule, MTTR); CSV with format=csv (alert:export)")
                        .query("startTime", "date-time", "triggered at or after (default: all)")
                        .query("endTime", "date-time", "triggered before (default: now)")
                        .query("format", "string", "json (default) or csv")
                        .produces("application/json", "text/csv")
                        .handler(this::statistics),
                Route.get(BASE + "/trends").tag(TAG).summary("Alerts per hour or day, by severity")
                        .query("startTime", "date-time", "start (default: 7 days before endTime)")
                        .query("endTime", "date-time", "end (default: now)")
                        .query("bucket", "string", "hour or day (default: hour up to 2 days, day beyond)")
                        .handler(this::trends));
    }

    private RecordQuery query(Call call, PageRequest page) {
        Query q = call.query();
        List<AlertStatus> statuses = q.parsedList("status", AlertStatus::parse, "active, acknowledged, resolved, ignored");
        List<Severity> severities = q.parsedList("severity", Severity::parse, "low, medium, high, critical");
        Map<String, String> labels = new LinkedHashMap<>();
        q.string("vmId").ifPresent(v -> labels.put("vm", v));
        q.string("groupId").ifPresent(v -> labels.put("group", v));
        q.string("clusterId").ifPresent(v -> labels.put("cluster", v));
        q.string("host").ifPresent(v -> labels.put("host", v));
        Instant from = q.instant("startTime").orElse(null);
        Instant to = q.instant("endTime").orElse(null);
        requireOrder(from, to);
        return new RecordQuery(new HashSet<>(statuses), new HashSet<>(severities), q.string("ruleId").orElse(null), labels,
                from, to, page);
    }

    static void requireOrder(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badParameter("startTime", "must not be after endTime");
        }
    }

    private Reply list(Call call) {
        if (call.wantsCsv()) {
            Authenticator.authorize(call.principal(), Permission.ALERT_EXPORT);
            long total = records.query(query(call, PageRequest.of(1, 1))).total();
            if (total > s.options.maxCsvRows()) {
                throw ApiException.badRequest("the report would hold " + total + " records, more than "
                        + s.options.maxCsvRows() + "; narrow it with startTime, endTime or other filters");
            }
            return recordsCsv(records.all(query(call, PageRequest.all())));
        }
        Page<AlertRecord> page = records.query(query(call, call.query().page()));
        ArrayNode list = Json.array();
        page.items().forEach(r -> list.add(RecordJson.v1(r)));
        return Envelope.ok(Envelope.page(list, page));
    }

    private Reply recordsCsv(List<AlertRecord> all) {
        Csv csv = new Csv().row("id", "ruleId", "ruleName", "severity", "status", "metric", "triggerValue", "threshold",
                "condition", "vmId", "host", "triggeredAt", "acknowledgedAt", "acknowledgedBy", "resolvedAt", "resolvedBy",
                "durationSeconds", "resolution");
        for (AlertRecord r : all) {
            csv.row(r.id(), r.ruleId(), r.ruleName(), r.severity().wireName(), r.status().wireName(), r.metric(),
                    r.triggerValue(), r.threshold() == null ? null : r.threshold().display(), r.condition(),
                    r.labels().get("vm"), r.labels().get("host"), r.triggeredAt(), r.acknowledgedAt(), r.acknowledgedBy(),
                    r.resolvedAt(), r.resolvedBy(), r.duration() == null ? null : r.duration().toSeconds(), r.resolution());
        }
        return csv.reply("alert_records_" + DAY.format(s.now()) + ".csv");
    }

    private Reply get(Call call) {
        return Envelope.ok(RecordJson.v1(records.require(call.path("id"))));
    }

    private Reply acknowledge(Call call) throws IOException {
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "note");
        AlertRecord r = records.acknowledge(call.path("id"), call.actor(), Fields.text(body, "note", Fields.MAX_TEXT));
        return Envelope.ok(RecordJson.v1(r), "Acknowledged");
    }

    private Reply batchAcknowledge(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", "alertIds", "note");
        List<String> ids = Fields.requiredStrings(body, "alertIds", Fields.MAX_IDS, 200);
        BatchResult result = records.acknowledgeAll(ids, call.actor(), Fields.text(body, "note", Fields.MAX_TEXT));
        ObjectNode data = RulesApi.batch(result);
        data.put("acknowledged", result.succeededCount());
        return Envelope.ok(data, "Batch acknowledge done");
    }

    private Reply resolve(Call call) throws IOException {
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "resolution");
        AlertRecord r = records.resolve(call.path("id"), call.actor(), Fields.text(body, "resolution", Fields.MAX_TEXT));
        return Envelope.ok(RecordJson.v1(r), "Resolved");
    }

    private Reply ignore(Call call) throws IOException {
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "note");
        AlertRecord r = records.ignore(call.path("id"), call.actor(), Fields.text(body, "note", Fields.MAX_TEXT));
        return Envelope.ok(RecordJson.v1(r), "Ignored");
    }

    private Reply statistics(Call call) {
        Instant from = call.query().instant("startTime").orElse(null);
        Instant to = call.query().instant("endTime").orElse(null);
        requireOrder(from, to);
        boolean csv = call.wantsCsv();
        if (csv) {
            Authenticator.authorize(call.principal(), Permission.ALERT_EXPORT);
        }
        AlertStatistics stats = s.alerting.statistics(from, to);
        if (csv) {
            return StatisticsJson.csv(stats).reply("alert_statistics_" + DAY.format(s.now()) + ".csv");
        }
        return Envelope.ok(StatisticsJson.v1(stats));
    }

    private Reply trends(Call call) {
        Instant to = call.query().instant("endTime").orElse(s.now());
        Instant from = call.query().instant("startTime").orElse(to.minus(Duration.ofDays(7)));
        requireOrder(from, to);
        TrendPoint.Bucket bucket = call.query().parsed("bucket", RecordsApi::bucket, "hour, day")
                .orElse(Duration.between(from, to).compareTo(Duration.ofDays(2)) <= 0 ? TrendPoint.Bucket.HOUR : TrendPoint.Bucket.DAY);
        long points = Duration.between(from, to).toSeconds() / (bucket == TrendPoint.Bucket.HOUR ? 3600 : 86400);
        if (points > MAX_TREND_POINTS) {
            throw ApiException.badParameter("bucket", "the range holds more than " + MAX_TREND_POINTS + " "
                    + bucket.name().toLowerCase(Locale.ROOT) + "s; use a shorter range or bucket=day");
        }
        ObjectNode data = Json.object();
        data.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
        ObjectNode range = data.putObject("timeRange");
        range.put("start", from.toString());
        range.put("end", to.toString());
        ArrayNode list = data.putArray("points");
        for (TrendPoint p : s.alerting.trends(from, to, bucket)) {
            ObjectNode o = list.addObject();
            o.put("time", p.bucketStart().toString());
            o.put("total", p.total());
            ObjectNode by = o.putObject("bySeverity");
            for (Severity sev : StatisticsJson.DESCENDING) {
                by.put(sev.wireName(), p.bySeverity().getOrDefault(sev, 0L));
            }
        }
        return Envelope.ok(data);
    }

    private static java.util.Optional<TrendPoint.Bucket> bucket(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "hour": case "hourly": return java.util.Optional.of(TrendPoint.Bucket.HOUR);
            case "day": case "daily": return java.util.Optional.of(TrendPoint.Bucket.DAY);
            default: return java.util.Optional.empty();
        }
    }
}
