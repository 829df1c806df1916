package io.vigil.alerting.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule as the store keeps it: one JSON document holding every field, channel secrets included
 * as given (this is the store, not an export; display paths use {@link AlertRule#redacted()}).
 * The public import/export codec lives elsewhere and may evolve on its own; this format only has
 * to read back what this module wrote.
 */
final class RuleJson {
    private RuleJson() {
    }

    static String write(AlertRule r) {
        ObjectNode n = Json.object();
        Json.put(n, "id", r.id());
        Json.put(n, "name", r.name());
        Json.put(n, "description", r.description());
        n.set("scope", scope(r.scope()));
        ArrayNode matchers = n.putArray("labelMatchers");
        for (LabelMatcher m : r.labelMatchers()) {
            ObjectNode o = matchers.addObject();
            o.put("name", m.name());
            Json.put(o, "type", m.type());
            o.put("value", m.value());
        }
        ArrayNode conditions = n.putArray("conditions");
        r.conditions().forEach(c -> conditions.add(condition(c)));
        Json.put(n, "logic", r.logic());
        Json.putStrings(n, "groupBy", r.groupBy());
        n.put("enabled", r.enabled());
        Json.put(n, "cooldown", r.cooldown());
        Json.put(n, "severity", r.severity());
        n.set("notifications", policy(r.notifications()));
        Json.put(n, "keepFiringFor", r.keepFiringFor());
        Json.put(n, "recoveryFor", r.recoveryFor());
        if (r.noData() != null) {
            ObjectNode o = n.putObject("noData");
            Json.put(o, "after", r.noData().after());
            Json.put(o, "state", r.noData().state());
        }
        if (r.flapping() != null) {
            ObjectNode o = n.putObject("flapping");
            o.put("maxChanges", r.flapping().maxChanges());
            Json.put(o, "window", r.flapping().window());
            Json.put(o, "stableFor", r.flapping().stableFor());
        }
        Json.put(n, "createdAt", r.createdAt());
        Json.put(n, "updatedAt", r.updatedAt());
        Json.put(n, "createdBy", r.createdBy());
        Json.put(n, "updatedBy", r.updatedBy());
        n.put("version", r.version());
        return Json.write(n);
    }

    static AlertRule read(String text) {
        JsonNode n = Json.parse(text, "rule");
        List<LabelMatcher> matchers = new ArrayList<>();
        for (JsonNode m : Json.elements(n, "labelMatchers")) {
            matchers.add(LabelMatcher.of(Json.text(m, "name"), Json.enumValue(m, "type", LabelMatcher.Type.class),
                    Json.text(m, "value")));
        }
        List<Condition> conditions = new ArrayList<>();
        Json.elements(n, "conditions").forEach(c -> conditions.add(condition(c)));
        JsonNode noData = Json.field(n, "noData");
        JsonNode flapping = Json.field(n, "flapping");
        return new AlertRule(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "description"),
                scope(Json.field(n, "scope")), matchers, conditions,
                Json.enumValue(n, "logic", ConditionLogic.class), Json.strings(n, "groupBy"),
                Json.bool(n, "enabled", true), Json.duration(n, "cooldown"),
                Json.enumValue(n, "severity", Severity.class), policy(Json.field(n, "notifications")),
                Json.duration(n, "keepFiringFor"), Json.duration(n, "recoveryFor"),
                noData == null ? null : new NoDataPolicy(Json.duration(noData, "after"),
                        Json.enumValue(noData, "state", NoDataPolicy.State.class)),
                flapping == null ? null : new FlapDetection(flapping.get("maxChanges").asInt(),
                        Json.duration(flapping, "window"), Json.duration(flapping, "stableFor")),
                Json.instant(n, "createdAt"), Json.instant(n, "updatedAt"), Json.text(n, "createdBy"),
                Json.text(n, "updatedBy"), n.path("version").asLong());
    }

    private static ObjectNode scope(Scope s) {
        ObjectNode o = Json.object();
        Json.put(o, "type", s.type());
        Json.put(o, "id", s.id());
        Json.put(o, "name", s.name());
        return o;
    }

    private static Scope scope(JsonNode o) {
        if (o == null) {
            return Scope.global();
        }
        return new Scope(Json.enumValue(o, "type", ScopeType.class), Json.text(o, "id"), Json.text(o, "name"));
    }

    private static ObjectNode condition(Condition c) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("metric", c.metric());
        Json.put(o, "metricType", c.metricType());
        Json.put(o, "operator", c.operator());
        o.set("threshold", ValueJson.threshold(c.threshold()));
        Json.put(o, "aggregation", c.aggregation());
        Json.put(o, "window", c.window());
        Json.put(o, "holdFor", c.holdFor());
        if (c.recoveryThreshold() != null) {
            o.set("recoveryThreshold", ValueJson.threshold(c.recoveryThreshold()));
        }
        return o;
    }

    private static Condition condition(JsonNode o) {
        JsonNode recovery = Json.field(o, "recoveryThreshold");
        return new Condition(Json.text(o, "id"), Json.text(o, "metric"), Json.text(o, "metricType"),
                Json.enumValue(o, "operator", Operator.class), ValueJson.threshold(o.get("threshold")),
                Json.enumValue(o, "aggregation", Aggregation.class), Json.duration(o, "window"),
                Json.duration(o, "holdFor"), recovery == null ? null : ValueJson.threshold(recovery));
    }

    private static ObjectNode policy(NotificationPolicy p) {
        ObjectNode o = Json.object();
        Json.putStrings(o, "channels", p.channels());
        ObjectNode settings = o.putObject("settings");
        new TreeMap<>(p.settings()).forEach((channel, s) -> settings.set(channel, channelSettings(s)));
        ArrayNode levels = o.putArray("escalation");
        for (EscalationLevel level : p.escalation()) {
            ObjectNode l = levels.addObject();
            Json.put(l, "delay", level.delay());
            Json.putStrings(l, "channels", level.channels());
            Json.putStrings(l, "recipients", level.recipients());
        }
        o.put("escalationEnabled", p.escalationEnabled());
        o.put("sendResolved", p.sendResolved());
        Json.put(o, "fallbackChannel", p.fallbackChannel());
        Json.put(o, "reminderInterval", p.reminderInterval());
        Json.putStringMap(o, "templates", p.templates());
        return o;
    }

    private static NotificationPolicy policy(JsonNode o) {
        if (o == null) {
            return NotificationPolicy.none();
        }
        Map<String, ChannelSettings> settings = new TreeMap<>();
        JsonNode s = Json.field(o, "settings");
        if (s != null) {
            s.fields().forEachRemaining(e -> settings.put(e.getKey(), channelSettings(e.getValue())));
        }
        List<EscalationLevel> levels = new ArrayList<>();
        for (JsonNode l : Json.elements(o, "escalation")) {
            levels.add(new EscalationLevel(Json.duration(l, "delay"), Json.strings(l, "channels"),
                    Json.strings(l, "recipients")));
        }
        return new NotificationPolicy(Json.strings(o, "channels"), settings, levels,
                Json.bool(o, "escalationEnabled", false), Json.bool(o, "sendResolved", true),
                Json.text(o, "fallbackChannel"), Json.duration(o, "reminderInterval"), Json.stringMap(o, "templates"));
    }

    private static ObjectNode channelSettings(ChannelSettings s) {
        ObjectNode o = Json.object();
        o.put("enabled", s.enabled());
        Json.putStrings(o, "recipients", s.recipients());
        Json.putStrings(o, "cc", s.cc());
        Json.put(o, "template", s.template());
        if (s.sendResolved() != null) {
            o.put("sendResolved", s.sendResolved());
        }
        Json.put(o, "url", s.url());
        Json.put(o, "httpMethod", s.httpMethod());
        Json.putStringMap(o, "headers", s.headers());
        Json.put(o, "secret", s.secret());
        return o;
    }

    private static ChannelSettings channelSettings(JsonNode o) {
        return new ChannelSettings(Json.bool(o, "enabled", true), Json.strings(o, "recipients"), Json.strings(o, "cc"),
                Json.text(o, "template"), Json.optionalBool(o, "sendResolved"), Json.text(o, "url"),
                Json.text(o, "httpMethod"), Json.stringMap(o, "headers"), Json.secret(o, "secret"));
    }
}
