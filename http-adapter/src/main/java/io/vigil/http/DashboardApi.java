package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.runtime.AlertStatistics;
import io.vigil.alerting.runtime.CollectorStatus;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.spi.RuleQuery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Seed 002's dashboard: KPIs ({@code summary}) and the timeline of alert events. */
final class DashboardApi {
    private static final String BASE = "/api/v1/dashboard";
    private static final String TAG = "Dashboard (seed 002)";
    /**
     * The timeline finds events through the records' trigger times, so it looks this far before the
     * window for alerts acknowledged or resolved inside it.
     */
    static final Duration LOOKBACK = Duration.ofDays(7);

    private final Services s;

    DashboardApi(Services services) {
        this.s = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE + "/summary").tag(TAG).summary("KPIs: rules, open alerts, today's alerts and notifications, MTTR, collectors")
                        .handler(this::summary),
                Route.get(BASE + "/timeline").tag(TAG).summary("Alert events (triggered, acknowledged, resolved, ignored), newest first")
                        .query("startTime", "date-time", "from (default: 24 hours before endTime)")
                        .query("endTime", "date-time", "to (default: now)")
                        .query("limit", "integer", "at most this many events, 1 to 1000 (default 100)")
                        .handler(this::timeline));
    }

    private long records(Set<AlertStatus> statuses, Set<Severity> severities, Instant from) {
        return s.alerting.store().findRecords(new RecordQuery(statuses, severities, null, null, from, null,
                PageRequest.of(1, 1))).total();
    }

    private Reply summary(Call call) {
        Instant now = s.now();
        Instant today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        ObjectNode o = Json.object();
        ObjectNode rules = o.putObject("rules");
        rules.put("total", s.alerting.store().findRules(new RuleQuery(null, null, null, null, PageRequest.of(1, 1))).total());
        rules.put("enabled", s.alerting.store().findRules(new RuleQuery(true, null, null, null, PageRequest.of(1, 1))).total());
        ObjectNode alerts = o.putObject("alerts");
        alerts.put("active", records(Set.of(AlertStatus.ACTIVE), null, null));
        alerts.put("acknowledged", records(Set.of(AlertStatus.ACKNOWLEDGED), null, null));
        alerts.put("criticalOpen", records(Set.of(AlertStatus.ACTIVE, AlertStatus.ACKNOWLEDGED), Set.of(Severity.CRITICAL), null));
        alerts.put("today", records(null, null, today));
        alerts.put("last24Hours", records(null, null, now.minus(Duration.ofHours(24))));
        AlertStatistics month = s.alerting.statistics(now.minus(Duration.ofDays(30)), now);
        o.set("mttrMinutes", Json.number(round(month.mttr().averageMinutes())));
        o.set("mttaMinutes", Json.number(round(month.mtta().averageMinutes())));
        ObjectNode notifications = o.putObject("notificationsToday");
        for (NotificationStatus st : NotificationStatus.values()) {
            notifications.put(st.wireName(), s.alerting.store().findNotifications(
                    new NotificationQuery(null, null, null, st, today, null, PageRequest.of(1, 1))).total());
        }
        ObjectNode collectors = o.putObject("collectors");
        int total = 0;
        int running = 0;
        int healthy = 0;
        for (CollectorStatus c : s.alerting.collectors()) {
            total++;
            running += c.available() ? 1 : 0;
            healthy += c.healthy() ? 1 : 0;
        }
        collectors.put("total", total);
        collectors.put("running", running);
        collectors.put("healthy", healthy);
        o.put("generatedAt", now.toString());
        return Envelope.ok(o);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10.0) / 10.0;
    }

    private record Event(Instant time, String type, AlertRecord record, String actor) {
    }

    private Reply timeline(Call call) {
        Instant to = call.query().instant("endTime").orElse(s.now());
        Instant from = call.query().instant("startTime").orElse(to.minus(Duration.ofHours(24)));
        RecordsApi.requireOrder(from, to);
        int limit = call.query().integer("limit", 100, 1, 1000);
        List<Event> events = new ArrayList<>();
        for (AlertRecord r : s.alerting.records().all(new RecordQuery(null, null, null, null, from.minus(LOOKBACK), to.plusMillis(1),
                PageRequest.all()))) {
            add(events, r.triggeredAt(), "triggered", r, null, from, to);
            add(events, r.acknowledgedAt(), "acknowledged", r, r.acknowledgedByName(), from, to);
            if (r.status() == AlertStatus.RESOLVED) {
                add(events, r.resolvedAt(), "resolved", r, r.resolvedByName(), from, to);
            } else if (r.status() == AlertStatus.IGNORED) {
                add(events, r.resolvedAt(), "ignored", r, r.resolvedByName(), from, to);
            }
        }
        events.sort(Comparator.comparing(Event::time).reversed().thenComparing(e -> e.record().id()));
        ArrayNode list = Json.array();
        for (Event e : events.subList(0, Math.min(limit, events.size()))) {
            ObjectNode o = list.addObject();
            o.put("time", e.time().toString());
            o.put("type", e.type());
            o.put("alertId", e.record().id());
            o.put("ruleId", e.record().ruleId());
            o.put("ruleName", e.record().ruleName());
            o.put("severity", e.record().severity().wireName());
            o.put("status", e.record().status().wireName());
            o.put("actor", e.actor());
            o.put("message", e.record().ruleName() + " " + e.type() + (e.actor() == null ? "" : " by " + e.actor()));
        }
        ObjectNode data = Json.object();
        data.set("events", list);
        data.put("total", events.size());
        ObjectNode range = data.putObject("timeRange");
        range.put("start", from.toString());
        range.put("end", to.toString());
        return Envelope.ok(data);
    }

    private static void add(List<Event> events, Instant at, String type, AlertRecord r, String actor, Instant from, Instant to) {
        if (at != null && !at.isBefore(from) && at.isBefore(to.plusMillis(1))) {
            events.add(new Event(at, type, r, actor));
        }
    }
}
