package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.codec.Format;
import io.vigil.alerting.codec.RuleCodec;
import io.vigil.alerting.runtime.RuleStats;

import java.time.Duration;

/**
 * Rules as the two APIs show them. Seed 003's API shows Vigil's canonical rule format (seed 003's
 * shape, durations as text, written by the codec with every credential redacted: secrets,
 * credential-like headers, chat webhook URLs) plus the rule's statistics; seed 000's API shows its
 * own snake_case shape. Both are read back by the codec.
 */
final class RuleJson {
    private final RuleCodec codec;

    RuleJson(RuleCodec codec) {
        this.codec = codec;
    }

    /** Seed 003's rule: the canonical (redacted) format with {@code triggerCount} and {@code lastTriggeredAt}. */
    ObjectNode v1(AlertRule rule, RuleStats stats) {
        ObjectNode o = (ObjectNode) Json.readTrusted(codec.write(rule, Format.JSON));
        o.put("triggerCount", stats.triggerCount());
        o.set("lastTriggeredAt", Json.instant(stats.lastTriggeredAt()));
        return o;
    }

    /**
     * Seed 000's rule. Its one condition is the rule's first; a rule with more conditions (made
     * through seed 003's API) lists them all under {@code conditions} as well.
     */
    static ObjectNode seed000(AlertRule rule, RuleStats stats) {
        ObjectNode o = Json.object();
        o.put("id", rule.id());
        o.put("name", rule.name());
        o.put("description", rule.description());
        Condition first = rule.conditions().get(0);
        o.put("condition", word(first.operator()));
        o.set("threshold", threshold(first));
        if (rule.conditions().size() > 1) {
            ArrayNode all = o.putArray("conditions");
            for (Condition c : rule.conditions()) {
                ObjectNode co = all.addObject();
                co.put("condition", word(c.operator()));
                co.set("threshold", threshold(c));
            }
            o.put("condition_logic", rule.logic().wireName());
        }
        o.put("severity", rule.severity().wireName());
        o.set("channels", Json.strings(rule.notifications().channels()));
        o.set("cooldown_minutes", minutes(rule.cooldown()));
        if (!rule.notifications().escalation().isEmpty() && rule.notifications().escalationEnabled()) {
            o.set("escalation_minutes", minutes(rule.notifications().escalation().get(0).delay()));
        } else {
            o.putNull("escalation_minutes");
        }
        o.put("enabled", rule.enabled());
        ObjectNode tags = o.putObject("tags");
        for (LabelMatcher m : rule.labelMatchers()) {
            if (m.type() == LabelMatcher.Type.EQUAL) {
                tags.put(m.name(), m.value());
            }
        }
        o.set("created_at", Json.instant(rule.createdAt()));
        o.set("updated_at", Json.instant(rule.updatedAt()));
        o.put("trigger_count", stats.triggerCount());
        o.set("last_triggered_at", Json.instant(stats.lastTriggeredAt()));
        return o;
    }

    private static ObjectNode threshold(Condition c) {
        ObjectNode t = Json.object();
        t.put("metric", c.metric());
        t.set("value", thresholdValue(c.threshold()));
        t.set("duration_minutes", minutes(c.holdFor()));
        if (!c.window().isZero()) {
            t.set("window_minutes", minutes(c.window()));
            t.put("aggregation", c.aggregation().wireName());
        }
        return t;
    }

    /** Seed 000's operator words where it has one ({@code greater_than}), the symbol otherwise. */
    static String word(Operator op) {
        switch (op) {
            case GREATER_THAN: return "greater_than";
            case LESS_THAN: return "less_than";
            case GREATER_OR_EQUAL: return "greater_than_or_equal";
            case LESS_OR_EQUAL: return "less_than_or_equal";
            case EQUAL: return "equals";
            case NOT_EQUAL: return "not_equals";
            default: return op.symbol();
        }
    }

    static JsonNode thresholdValue(Threshold t) {
        if (t == null) {
            return Json.NODES.nullNode();
        }
        if (t instanceof Threshold.Number n) {
            return Json.number(n.value());
        }
        if (t instanceof Threshold.Range r) {
            return Json.array().add(Json.number(r.lo())).add(Json.number(r.hi()));
        }
        if (t instanceof Threshold.Numbers ns) {
            ArrayNode a = Json.array();
            ns.values().forEach(v -> a.add(Json.number(v)));
            return a;
        }
        if (t instanceof Threshold.Text s) {
            return Json.NODES.textNode(s.value());
        }
        return Json.strings(((Threshold.Texts) t).values());
    }

    private static JsonNode minutes(Duration d) {
        return Json.number(d.toMillis() / 60_000.0);
    }
}
