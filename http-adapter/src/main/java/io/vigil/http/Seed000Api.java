package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.engine.ConditionValue;
import io.vigil.alerting.engine.InstanceEvaluation;
import io.vigil.alerting.engine.RuleEvaluation;
import io.vigil.alerting.runtime.RuleRegistry;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Seed 000's API under {@code /api/alerts}: rules keyed by name, evaluate, send, history, statistics, health. */
final class Seed000Api {
    private static final String BASE = "/api/alerts";
    private static final String TAG = "Seed 000 alert API";
    private static final int MAX_EXTRA = 50;
    private static final double MAX_HOURS = 24 * 730;

    private final Services s;
    private final RuleRegistry rules;

    Seed000Api(Services services) {
        this.s = services;
        this.rules = services.alerting.rules();
    }

    List<Route> routes() {
        return List.of(
                route(Route.get(BASE + "/rules")).summary("List rules")
                        .query("enabled", "boolean", "only enabled or only disabled rules")
                        .query("severity", "string", "low, medium, high or critical")
                        .handler(this::list),
                route(Route.get(BASE + "/rules/{name}")).summary("Get a rule by name").handler(this::get),
                route(Route.post(BASE + "/rules")).permission(Permission.ALERT_WRITE).status(201)
                        .summary("Create a rule (seed 000 snake_case)").body("Seed000Rule").handler(this::create),
                route(Route.put(BASE + "/rules/{name}")).permission(Permission.ALERT_WRITE)
                        .summary("Change the fields given, keep the rest").body("Seed000Rule (partial)").handler(this::update),
                route(Route.delete(BASE + "/rules/{name}")).permission(Permission.ALERT_WRITE).summary("Delete a rule")
                        .handler(this::delete),
                route(Route.post(BASE + "/evaluate")).permission(Permission.ALERT_WRITE)
                        .summary("Evaluate every enabled rule, or the named ones, now").body("{rule_names?: string[]}")
                        .handler(this::evaluate),
                route(Route.post(BASE + "/send")).permission(Permission.ALERT_WRITE)
                        .summary("Fire a rule by hand with a value and notify its channels")
                        .body("{rule_name: string, metric_data: {metric_value: number, ...}, labels?: object, force?: boolean}")
                        .handler(this::send),
                route(Route.get(BASE + "/history/{rule}")).summary("A rule's alerts over the last hours")
                        .query("hours", "number", "how far back, in hours (default 24)").handler(this::history),
                route(Route.get(BASE + "/statistics")).summary("Alert statistics (seed 000 shape)").handler(this::statistics),
                route(Route.get(BASE + "/health")).publicAccess().summary("Health check (no credentials needed)")
                        .handler(this::health));
    }

    private static Route.Builder route(Route.Builder b) {
        return b.style(Style.PLAIN).tag(TAG);
    }

    private Reply list(Call call) {
        Optional<Boolean> enabled = call.query().bool("enabled");
        Optional<Severity> severity = call.query().parsed("severity", Severity::parse, "low, medium, high, critical");
        ArrayNode list = Json.array();
        for (AlertRule r : rules.all()) {
            if (enabled.isPresent() && r.enabled() != enabled.get() || severity.isPresent() && r.severity() != severity.get()) {
                continue;
            }
            list.add(RuleJson.seed000(r, s.alerting.ruleStats(r.id())));
        }
        return Reply.json(200, list);
    }

    private Reply get(Call call) {
        AlertRule rule = rules.require(call.path("name"));
        return Reply.json(200, RuleJson.seed000(rule, s.alerting.ruleStats(rule.id())));
    }

    private Reply create(Call call) throws IOException {
        String doc = RuleDocuments.text(call);
        AlertRule created = RuleDocuments.read(() -> rules.create(s.codec.readRule(doc), call.actor()));
        return Reply.json(201, RuleJson.seed000(created, s.alerting.ruleStats(created.id())));
    }

    private Reply update(Call call) throws IOException {
        String doc = RuleDocuments.text(call);
        AlertRule updated = RuleDocuments.read(() -> rules.update(call.path("name"), b -> {
            AlertRule current = b.build();
            return s.codec.readUpdate(doc, current).toBuilder();
        }, call.actor()));
        return Reply.json(200, RuleJson.seed000(updated, s.alerting.ruleStats(updated.id())));
    }

    private Reply delete(Call call) {
        AlertRule deleted = rules.delete(call.path("name"), call.actor());
        ObjectNode o = Json.object();
        o.put("message", "rule '" + deleted.name() + "' deleted");
        o.put("name", deleted.name());
        o.put("id", deleted.id());
        return Reply.json(200, o);
    }

    private Reply evaluate(Call call) throws IOException {
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "rule_names");
        List<String> names = Fields.strings(body, "rule_names", Fields.MAX_IDS, AlertRule.MAX_NAME_LENGTH);
        List<RuleEvaluation> results = s.alerting.evaluateNow(names);
        ObjectNode o = Json.object();
        o.put("evaluated", results.size());
        o.put("triggered", results.stream().filter(RuleEvaluation::holds).count());
        o.put("evaluated_at", s.now().toString());
        ArrayNode list = o.putArray("results");
        for (RuleEvaluation e : results) {
            ObjectNode r = list.addObject();
            r.put("rule_id", e.ruleId());
            r.put("rule_name", e.ruleName());
            r.put("enabled", e.enabled());
            r.put("triggered", e.holds());
            ArrayNode instances = r.putArray("instances");
            for (InstanceEvaluation i : e.instances()) {
                ObjectNode io = instances.addObject();
                ObjectNode labels = io.putObject("labels");
                i.labels().asMap().forEach(labels::put);
                io.put("state", i.state().name().toLowerCase(Locale.ROOT));
                io.put("triggered", i.holds());
                ArrayNode conditions = io.putArray("conditions");
                for (ConditionValue c : i.conditions()) {
                    ObjectNode co = conditions.addObject();
                    co.put("condition_id", c.conditionId());
                    co.put("metric", c.metric());
                    co.set("value", c.state() != null ? Json.NODES.textNode(c.state()) : Json.number(c.value()));
                    co.set("threshold", RuleJson.thresholdValue(c.threshold()));
                    co.put("triggered", c.holds());
                    co.put("text", c.text());
                }
            }
        }
        return Reply.json(200, o);
    }

    private Reply send(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", "rule_name", "metric_data", "labels", "force");
        String ruleName = Fields.requiredText(body, "rule_name", AlertRule.MAX_NAME_LENGTH);
        ObjectNode data = Fields.object(body, "metric_data");
        if (data == null) {
            throw ApiException.badParameter("metric_data", "is required: an object with metric_value");
        }
        Double value = Fields.number(data, "metric_value");
        if (value == null) {
            throw ApiException.badParameter("metric_data.metric_value", "is required: a number");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        flatten("", data, extra);
        extra.remove("metric_value");
        Map<String, String> labelMap = Fields.stringMap(body, "labels", 30, 200);
        Labels labels = labels(labelMap);
        boolean force = Boolean.TRUE.equals(Fields.bool(body, "force"));
        Optional<AlertRecord> fired = s.alerting.sendNow(ruleName, value, labels, extra, force);
        ObjectNode o = Json.object();
        o.put("rule_name", ruleName);
        o.put("sent", fired.isPresent());
        if (fired.isPresent()) {
            o.put("alert_id", fired.get().id());
            o.set("alert", RecordJson.seed000(fired.get()));
        } else {
            o.put("reason", "the rule fired for these labels within its cooldown; send \"force\": true to send anyway");
        }
        return Reply.json(200, o);
    }

    static Labels labels(Map<String, String> map) {
        if (map == null) {
            return Labels.empty();
        }
        for (String name : map.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
                throw ApiException.badParameter("labels." + name, "a label name is letters, digits and '_'");
            }
        }
        return Labels.of(map);
    }

    /** Seed 000's {@code metric_data} as flat text facts for the message: {@code server_info.hostname}. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(key, v, out);
            } else if (!v.isNull()) {
                String text = v.isTextual() ? v.textValue() : v.toString();
                if (out.size() >= MAX_EXTRA) {
                    throw ApiException.badParameter("metric_data", "at most " + MAX_EXTRA + " facts");
                }
                out.put(key, text.length() > 1000 ? text.substring(0, 1000) + "…" : text);
            }
        }
    }

    private Reply history(Call call) {
        double hours = call.query().number("hours", 24, 0.001, MAX_HOURS);
        AlertRule rule = rules.require(call.path("rule"));
        List<AlertRecord> found = s.alerting.records().history(rule.id(), Duration.ofMillis((long) (hours * 3_600_000)));
        ObjectNode o = Json.object();
        o.put("rule_name", rule.name());
        o.put("rule_id", rule.id());
        o.set("hours", Json.number(hours));
        o.put("total", found.size());
        ArrayNode list = o.putArray("alerts");
        found.forEach(r -> list.add(RecordJson.seed000(r)));
        return Reply.json(200, o);
    }

    private Reply statistics(Call call) {
        return Reply.json(200, StatisticsJson.seed000(s.alerting.statistics(null, null)));
    }

    private Reply health(Call call) {
        Health.Verdict v = Health.check(s);
        ObjectNode o = Json.object();
        o.put("status", v.wireName());
        o.put("service", "Vigil alerting");
        o.put("version", s.options.version());
        o.put("timestamp", s.now().toString());
        o.set("checks", Health.checks(v));
        return Reply.json(v.httpStatus(), o);
    }
}
