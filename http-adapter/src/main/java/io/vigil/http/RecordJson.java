package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.NotificationRecord;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Alert and notification records as the APIs show them. */
final class RecordJson {
    private RecordJson() {
    }

    /** Seed 003's {@code AlertRecord}, with the labels and escalation level besides. */
    static ObjectNode v1(AlertRecord r) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("ruleId", r.ruleId());
        o.put("ruleName", r.ruleName());
        putLabel(o, "vmId", r, "vm");
        putLabel(o, "vmName", r, "vm_name");
        putLabel(o, "groupId", r, "group");
        putLabel(o, "clusterId", r, "cluster");
        o.put("metric", r.metric());
        o.put("severity", r.severity().wireName());
        o.set("triggerValue", Json.number(r.triggerValue()));
        o.set("threshold", RuleJson.thresholdValue(r.threshold()));
        o.put("condition", r.condition());
        o.set("triggeredAt", Json.instant(r.triggeredAt()));
        o.set("resolvedAt", Json.instant(r.resolvedAt()));
        Duration d = r.duration();
        if (d == null) {
            o.putNull("duration");
        } else {
            o.put("duration", d.toSeconds());
        }
        o.put("status", r.status().wireName());
        o.put("acknowledgedBy", r.acknowledgedBy());
        o.put("acknowledgedByName", r.acknowledgedByName());
        o.set("acknowledgedAt", Json.instant(r.acknowledgedAt()));
        o.put("acknowledgeNote", r.acknowledgeNote());
        o.put("resolvedBy", r.resolvedBy());
        o.put("resolvedByName", r.resolvedByName());
        o.put("resolution", r.resolution());
        o.set("resolveValue", Json.number(r.resolveValue()));
        ArrayNode notifications = o.putArray("notifications");
        for (NotificationAttempt a : r.notifications()) {
            ObjectNode n = notifications.addObject();
            n.put("id", a.notificationId());
            n.put("method", a.method());
            n.put("recipient", a.recipient());
            n.put("status", a.status().wireName());
            n.set("sentAt", Json.instant(a.sentAt()));
            n.put("error", a.error());
        }
        o.set("snapshot", snapshot(r.snapshot()));
        o.set("labels", labels(r));
        o.put("escalationLevel", r.escalationLevel());
        o.set("createdAt", Json.instant(r.createdAt()));
        o.set("updatedAt", Json.instant(r.updatedAt()));
        return o;
    }

    /** Seed 000's history entry, snake_case. */
    static ObjectNode seed000(AlertRecord r) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("rule_id", r.ruleId());
        o.put("rule_name", r.ruleName());
        o.put("severity", r.severity().wireName());
        o.put("status", r.status().wireName());
        o.put("metric", r.metric());
        o.set("metric_value", Json.number(r.triggerValue()));
        o.set("threshold", RuleJson.thresholdValue(r.threshold()));
        o.put("condition", r.condition());
        o.set("labels", labels(r));
        o.set("triggered_at", Json.instant(r.triggeredAt()));
        o.set("acknowledged_at", Json.instant(r.acknowledgedAt()));
        o.set("resolved_at", Json.instant(r.resolvedAt()));
        ArrayNode channels = o.putArray("notifications");
        for (NotificationAttempt a : r.notifications()) {
            ObjectNode n = channels.addObject();
            n.put("channel", a.method());
            n.put("status", a.status().wireName());
            n.set("sent_at", Json.instant(a.sentAt()));
        }
        return o;
    }

    /** Seed 003's {@code NotificationRecord}. */
    static ObjectNode notification(NotificationRecord n) {
        ObjectNode o = Json.object();
        o.put("id", n.id());
        o.put("alertId", n.alertId());
        o.put("ruleId", n.ruleId());
        o.put("kind", n.kind().wireName());
        o.put("method", n.method());
        o.put("recipient", n.recipient());
        o.put("subject", n.subject());
        o.put("content", n.content());
        o.put("status", n.status().wireName());
        o.set("createdAt", Json.instant(n.createdAt()));
        o.set("sentAt", Json.instant(n.sentAt()));
        o.set("deliveredAt", Json.instant(n.deliveredAt()));
        o.put("error", n.error());
        o.put("retryCount", n.retryCount());
        return o;
    }

    private static void putLabel(ObjectNode o, String field, AlertRecord r, String label) {
        String v = r.labels().get(label);
        if (v != null) {
            o.put(field, v);
        }
    }

    private static ObjectNode labels(AlertRecord r) {
        ObjectNode labels = Json.object();
        r.labels().asMap().forEach(labels::put);
        return labels;
    }

    private static ObjectNode snapshot(Map<String, Double> values) {
        ObjectNode o = Json.object();
        new TreeMap<>(values).forEach((k, v) -> o.set(k, Json.number(v)));
        return o;
    }
}
