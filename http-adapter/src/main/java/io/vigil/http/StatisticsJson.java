package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.runtime.AlertStatistics;

import java.util.List;

/** Statistics in seed 003's shape, seed 000's shape, and as a CSV report. */
final class StatisticsJson {
    /** Seed 003 lists severities from critical down. */
    static final List<Severity> DESCENDING = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

    private StatisticsJson() {
    }

    static ObjectNode v1(AlertStatistics s) {
        ObjectNode o = Json.object();
        AlertStatistics.Overview ov = s.overview();
        ObjectNode overview = o.putObject("overview");
        overview.put("totalRules", ov.totalRules());
        overview.put("activeRules", ov.activeRules());
        overview.put("totalAlerts", ov.totalAlerts());
        overview.put("activeAlerts", ov.activeAlerts());
        overview.put("acknowledgedAlerts", ov.acknowledgedAlerts());
        overview.put("resolvedAlerts", ov.resolvedAlerts());
        overview.put("ignoredAlerts", ov.ignoredAlerts());
        ObjectNode bySeverity = o.putObject("bySeverity");
        for (Severity sev : DESCENDING) {
            AlertStatistics.SeverityCount c = s.bySeverity().getOrDefault(sev, new AlertStatistics.SeverityCount(0, 0));
            bySeverity.putObject(sev.wireName()).put("total", c.total()).put("active", c.active());
        }
        ArrayNode byMetric = o.putArray("byMetric");
        s.byMetric().forEach(m -> byMetric.addObject().put("metric", m.metric()).put("count", m.count())
                .put("activeCount", m.activeCount()));
        ArrayNode byVm = o.putArray("byVM");
        s.byVm().forEach(v -> byVm.addObject().put("vmId", v.vmId()).put("vmName", v.vmName()).put("count", v.count())
                .put("activeCount", v.activeCount()));
        ArrayNode byRule = o.putArray("byRule");
        s.byRule().forEach(r -> byRule.addObject().put("ruleId", r.ruleId()).put("ruleName", r.ruleName())
                .put("triggerCount", r.triggerCount()));
        o.set("mttr", meanTime(s.mttr()));
        o.set("mtta", meanTime(s.mtta()));
        ObjectNode range = o.putObject("timeRange");
        range.set("start", Json.instant(s.start()));
        range.set("end", Json.instant(s.end()));
        return o;
    }

    private static ObjectNode meanTime(AlertStatistics.MeanTime m) {
        ObjectNode o = Json.object();
        o.set("avg", Json.NODES.numberNode(round(m.averageMinutes())));
        ObjectNode by = o.putObject("bySeverity");
        for (Severity sev : DESCENDING) {
            Double v = m.bySeverityMinutes().get(sev);
            if (v != null) {
                by.put(sev.wireName(), round(v));
            }
        }
        o.put("sampleSize", m.sampleSize());
        return o;
    }

    private static Double round(Double minutes) {
        return minutes == null ? null : Math.round(minutes * 10.0) / 10.0;
    }

    /** Seed 000's {@code GET /api/alerts/statistics} answer. */
    static ObjectNode seed000(AlertStatistics s) {
        ObjectNode o = Json.object();
        o.put("total_rules", s.overview().totalRules());
        o.put("active_rules", s.overview().activeRules());
        o.put("total_alerts", s.overview().totalAlerts());
        o.put("alerts_sent_today", s.alertsToday());
        ObjectNode bySeverity = o.putObject("alerts_by_severity");
        for (Severity sev : Severity.values()) {
            AlertStatistics.SeverityCount c = s.bySeverity().get(sev);
            bySeverity.put(sev.wireName(), c == null ? 0 : c.total());
        }
        ObjectNode byChannel = o.putObject("alerts_by_channel");
        s.alertsByChannel().forEach(byChannel::put);
        o.put("alert_rate_per_hour", Math.round(s.alertRatePerHour() * 100.0) / 100.0);
        return o;
    }

    /** The statistics as rows of {@code section, key, name, total, active}, for spreadsheets. */
    static Csv csv(AlertStatistics s) {
        Csv csv = new Csv().row("section", "key", "name", "total", "active");
        AlertStatistics.Overview ov = s.overview();
        csv.row("overview", "totalRules", null, ov.totalRules(), null)
                .row("overview", "activeRules", null, ov.activeRules(), null)
                .row("overview", "totalAlerts", null, ov.totalAlerts(), null)
                .row("overview", "activeAlerts", null, ov.activeAlerts(), null)
                .row("overview", "acknowledgedAlerts", null, ov.acknowledgedAlerts(), null)
                .row("overview", "resolvedAlerts", null, ov.resolvedAlerts(), null)
                .row("overview", "ignoredAlerts", null, ov.ignoredAlerts(), null);
        for (Severity sev : DESCENDING) {
            AlertStatistics.SeverityCount c = s.bySeverity().getOrDefault(sev, new AlertStatistics.SeverityCount(0, 0));
            csv.row("bySeverity", sev.wireName(), null, c.total(), c.active());
        }
        s.byMetric().forEach(m -> csv.row("byMetric", m.metric(), null, m.count(), m.activeCount()));
        s.byVm().forEach(v -> csv.row("byVM", v.vmId(), v.vmName(), v.count(), v.activeCount()));
        s.byRule().forEach(r -> csv.row("byRule", r.ruleId(), r.ruleName(), r.triggerCount(), null));
        csv.row("mttrMinutes", "avg", null, round(s.mttr().averageMinutes()), null);
        for (Severity sev : DESCENDING) {
            Double v = s.mttr().bySeverityMinutes().get(sev);
            if (v != null) {
                csv.row("mttrMinutes", sev.wireName(), null, round(v), null);
            }
        }
        csv.row("timeRange", "start", s.start(), null, null).row("timeRange", "end", s.end(), null, null);
        return csv;
    }
}
