package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.ValidationError;
import io.vigil.alerting.codec.Format;
import io.vigil.alerting.codec.Redaction;
import io.vigil.alerting.runtime.BatchResult;
import io.vigil.alerting.runtime.ImportResult;
import io.vigil.alerting.runtime.RuleRegistry;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.RuleQuery;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Seed 003's rule management under {@code /api/v1/alerts/rules}. */
final class RulesApi {
    private static final String BASE = "/api/v1/alerts/rules";
    private static final String TAG = "Alert rules (seed 003)";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Services s;
    private final RuleRegistry rules;

    RulesApi(Services services) {
        this.s = services;
        this.rules = services.alerting.rules();
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE).tag(TAG).summary("List alert rules, a page at a time").pageQuery()
                        .query("scope", "string", "global, vm, group or cluster")
                        .query("scopeId", "string", "the scope object's id")
                        .query("enabled", "boolean", "only enabled or only disabled rules")
                        .query("severity", "string", "low, medium, high or critical")
                        .handler(this::list),
                Route.get(BASE + "/{id}").tag(TAG).summary("Get one rule by id (or name)").handler(this::get),
                Route.post(BASE).permission(Permission.ALERT_WRITE).tag(TAG).status(201)
                        .summary("Create a rule (seed 003 or seed 000 JSON, or YAML)").body("AlertRule").handler(this::create),
                Route.put(BASE + "/{id}").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Update a rule: the fields given replace the rule's, absent fields stay")
                        .body("AlertRule (partial)").handler(this::update),
                Route.delete(BASE + "/{id}").permission(Permission.ALERT_WRITE).tag(TAG).summary("Delete a rule (its records stay)")
                        .handler(this::delete),
                Route.put(BASE + "/batch/status").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Enable or disable many rules").body("{ruleIds: string[], enabled: boolean}")
                        .handler(this::batchStatus),
                Route.post(BASE + "/import").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Import rules, all or nothing").body("{rules: AlertRule[]} or {content: string, replaceExisting: boolean}")
                        .handler(this::importRules),
                Route.post(BASE + "/export").tag(TAG).summary("Export rules as JSON or YAML (secrets redacted)")
                        .body("{ruleIds?: string[], format?: json|yaml}").handler(this::export));
    }

    private Reply list(Call call) {
        Query q = call.query();
        ScopeType scope = q.parsed("scope", ScopeType::parse, "global, vm, group, cluster").orElse(null);
        Severity severity = q.parsed("severity", Severity::parse, "low, medium, high, critical").orElse(null);
        Boolean enabled = q.bool("enabled").orElse(null);
        Page<AlertRule> page = rules.list(new RuleQuery(enabled, severity, scope, q.string("scopeId").orElse(null), q.page()));
        ArrayNode list = Json.array();
        for (AlertRule r : page.items()) {
            list.add(s.rules.v1(r, s.alerting.ruleStats(r.id())));
        }
        return Envelope.ok(Envelope.page(list, page));
    }

    private Reply get(Call call) {
        AlertRule rule = rules.require(call.path("id"));
        return Envelope.ok(s.rules.v1(rule, s.alerting.ruleStats(rule.id())));
    }

    private Reply create(Call call) throws IOException {
        String doc = RuleDocuments.text(call);
        AlertRule created = RuleDocuments.read(() -> rules.create(s.codec.readRule(doc), call.actor()));
        return Envelope.created(s.rules.v1(created, s.alerting.ruleStats(created.id())));
    }

    private Reply update(Call call) throws IOException {
        String doc = RuleDocuments.text(call);
        AlertRule updated = RuleDocuments.read(() -> rules.update(call.path("id"), b -> {
            AlertRule current = b.build();
            return s.codec.readUpdate(doc, current).toBuilder();
        }, call.actor()));
        return Envelope.ok(s.rules.v1(updated, s.alerting.ruleStats(updated.id())), "Updated");
    }

    private Reply delete(Call call) {
        AlertRule deleted = rules.delete(call.path("id"), call.actor());
        ObjectNode data = Json.object();
        data.put("id", deleted.id());
        data.put("name", deleted.name());
        data.put("deleted", true);
        return Envelope.ok(data, "Deleted");
    }

    private Reply batchStatus(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", "ruleIds", "enabled");
        List<String> ids = Fields.requiredStrings(body, "ruleIds", Fields.MAX_IDS, 200);
        Boolean enabled = Fields.bool(body, "enabled");
        if (enabled == null) {
            throw ApiException.badParameter("enabled", "is required: true or false");
        }
        BatchResult result = rules.setEnabled(ids, enabled, call.actor());
        ObjectNode data = batch(result);
        data.put("updated", result.succeededCount());
        return Envelope.ok(data, "Batch update done");
    }

    /** Seed 003's {@code failed} count and, beyond the seed, why each failed. */
    static ObjectNode batch(BatchResult result) {
        ObjectNode data = Json.object();
        data.put("failed", result.failedCount());
        ArrayNode failures = data.putArray("failures");
        for (BatchResult.Failure f : result.failures()) {
            ObjectNode o = failures.addObject();
            o.put("id", f.id());
            o.put("code", f.code().name());
            o.put("message", f.message());
        }
        return data;
    }

    private Reply importRules(Call call) throws IOException {
        String document;
        boolean replace = false;
        String text = RuleDocuments.text(call);
        JsonNode tree = call.isYamlBody() ? null : call.json();
        if (tree != null && tree.isObject() && tree.has("content")) {
            ObjectNode wrapper = (ObjectNode) tree;
            Fields.only(wrapper, "", "content", "replaceExisting", "format");
            document = Fields.requiredText(wrapper, "content", s.options.maxBodyBytes());
            replace = Boolean.TRUE.equals(Fields.bool(wrapper, "replaceExisting"));
        } else {
            document = text;
            replace = Boolean.parseBoolean(call.query().string("replaceExisting").orElse("false"));
        }
        List<AlertRule> read = RuleDocuments.read(() -> s.codec.readRules(document));
        ImportResult result = rules.importRules(read, replace, call.actor());
        if (!result.isApplied()) {
            List<ValidationError> all = new ArrayList<>();
            for (Map.Entry<Integer, List<ValidationError>> e : result.errors().entrySet()) {
                String at = e.getKey() < 0 ? "" : "rules[" + e.getKey() + "]";
                e.getValue().forEach(v -> all.add(v.under(at)));
            }
            throw ApiException.from(AlertingException.invalid(all), true);
        }
        ObjectNode data = Json.object();
        data.put("imported", result.applied().size());
        ArrayNode list = data.putArray("rules");
        for (AlertRule r : result.applied()) {
            list.addObject().put("id", r.id()).put("name", r.name());
        }
        return Envelope.ok(data, "Imported");
    }

    private Reply export(Call call) throws IOException {
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "ruleIds", "format");
        List<String> ids = Optional.ofNullable(Fields.strings(body, "ruleIds", Fields.MAX_IDS, 200)).orElse(List.of());
        String formatText = Optional.ofNullable(Fields.text(body, "format", 10)).orElse("json").toLowerCase(Locale.ROOT);
        Format format;
        switch (formatText) {
            case "json": format = Format.JSON; break;
            case "yaml": case "yml": format = Format.YAML; break;
            default: throw ApiException.badParameter("format", "json or yaml");
        }
        List<AlertRule> chosen = rules.export(ids);
        ObjectNode document = (ObjectNode) Json.readTrusted(s.codec.writeAll(chosen, Format.JSON, Redaction.REDACT));
        ObjectNode data = Json.object();
        data.put("content", format == Format.JSON ? Json.writePretty(document) : Json.writeYaml(document));
        data.put("filename", "alert_rules_" + DAY.format(s.now()) + (format == Format.JSON ? ".json" : ".yaml"));
        data.put("format", formatText.equals("yml") ? "yaml" : formatText);
        data.put("count", chosen.size());
        return Envelope.ok(data, "Exported");
    }
}
