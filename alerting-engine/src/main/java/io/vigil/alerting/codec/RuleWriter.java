package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.DurationText;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Threshold;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a rule in the canonical format: seed 003's camelCase shape, extended with every model
 * field seed 003 lacks. Durations are text ({@code "5m"}); conditions always carry an explicit
 * {@code holdFor} (and {@code window} when not zero) so that seed 003's {@code duration} rules
 * never apply on reading back. Fields at their default are left out.
 */
final class RuleWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Integral doubles up to 2^53 are written without a fraction: {@code 80}, not {@code 80.0}. */
    private static final double EXACT_LONG_LIMIT = 9_007_199_254_740_992.0;

    private RuleWriter() {
    }

    static ObjectNode rules(List<AlertRule> rules, Redaction redaction) {
        ObjectNode doc = NODES.objectNode();
        ArrayNode list = doc.putArray("rules");
        for (AlertRule r : rules) {
            list.add(rule(r, redaction));
        }
        return doc;
    }

    static ObjectNode rule(AlertRule r, Redaction redaction) {
        ObjectNode o = NODES.objectNode();
        putIfPresent(o, "id", r.id());
        o.put("name", r.name());
        putIfPresent(o, "description", r.description());
        o.put("scope", r.scope().type().wireName());
        putIfPresent(o, "scopeId", r.scope().id());
        putIfPresent(o, "scopeName", r.scope().name());
        if (!r.labelMatchers().isEmpty()) {
            ArrayNode matchers = o.putArray("labelMatchers");
            for (LabelMatcher m : r.labelMatchers()) {
                matchers.addObject().put("label", m.name()).put("op", m.type().symbol()).put("value", m.value());
            }
        }
        ArrayNode conditions = o.putArray("conditions");
        for (Condition c : r.conditions()) {
            conditions.add(condition(c));
        }
        o.put("conditionLogic", r.logic().wireName());
        if (!r.groupBy().isEmpty()) {
            strings(o.putArray("groupBy"), r.groupBy());
        }
        o.put("enabled", r.enabled());
        o.put("cooldown", DurationText.format(r.cooldown()));
        o.put("severity", r.severity().wireName());
        putIfNotZero(o, "keepFiringFor", r.keepFiringFor());
        putIfNotZero(o, "recoveryFor", r.recoveryFor());
        if (r.noData() != null) {
            o.putObject("noData").put("after", DurationText.format(r.noData().after()))
                    .put("state", r.noData().state().wireName());
        }
        if (r.flapping() != null) {
            o.putObject("flapping").put("maxChanges", r.flapping().maxChanges())
                    .put("window", DurationText.format(r.flapping().window()))
                    .put("stableFor", DurationText.format(r.flapping().stableFor()));
        }
        o.set("notifications", notifications(r.notifications(), redaction));
        putIfPresent(o, "createdAt", r.createdAt());
        putIfPresent(o, "updatedAt", r.updatedAt());
        putIfPresent(o, "createdBy", r.createdBy());
        putIfPresent(o, "updatedBy", r.updatedBy());
        if (r.version() != 0) {
            o.put("version", r.version());
        }
        return o;
    }

    private static ObjectNode condition(Condition c) {
        ObjectNode o = NODES.objectNode();
        o.put("id", c.id());
        o.put("metric", c.metric());
        putIfPresent(o, "metricType", c.metricType());
        o.put("operator", c.operator().symbol());
        o.set("threshold", threshold(c.threshold()));
        o.put("aggregation", c.aggregation().wireName());
        putIfNotZero(o, "window", c.window());
        o.put("holdFor", DurationText.format(c.holdFor()));
        if (c.recoveryThreshold() != null) {
            o.set("recoveryThreshold", threshold(c.recoveryThreshold()));
        }
        return o;
    }

    private static com.fasterxml.jackson.databind.JsonNode threshold(Threshold t) {
        if (t instanceof Threshold.Number n) {
            return number(n.value());
        }
        if (t instanceof Threshold.Range r) {
            return NODES.arrayNode().add(number(r.lo())).add(number(r.hi()));
        }
        if (t instanceof Threshold.Numbers ns) {
            ArrayNode a = NODES.arrayNode();
            ns.values().forEach(v -> a.add(number(v)));
            return a;
        }
        if (t instanceof Threshold.Text s) {
            return NODES.textNode(s.value());
        }
        return strings(NODES.arrayNode(), ((Threshold.Texts) t).values());
    }

    private static com.fasterxml.jackson.databind.node.ValueNode number(double v) {
        boolean negativeZero = Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0);
        if (v == Math.rint(v) && Math.abs(v) <= EXACT_LONG_LIMIT && !negativeZero) {
            return NODES.numberNode((long) v);
        }
        return NODES.numberNode(v);
    }

    private static ObjectNode notifications(NotificationPolicy p, Redaction redaction) {
        ObjectNode o = NODES.objectNode();
        strings(o.putArray("methods"), p.channels());
        for (String channel : NotificationsReader.BUILT_IN_ORDER) {
            ChannelSettings s = p.settings().get(channel);
            if (s != null) {
                o.set(channel, channel(channel, s, redaction));
            }
        }
        Map<String, ChannelSettings> plugins = new TreeMap<>(p.settings());
        plugins.keySet().removeAll(Channels.BUILT_IN);
        if (!plugins.isEmpty()) {
            ObjectNode blocks = o.putObject("channelSettings");
            plugins.forEach((channel, s) -> blocks.set(channel, channel(channel, s, redaction)));
        }
        if (!p.escalation().isEmpty() || p.escalationEnabled()) {
            ObjectNode e = o.putObject("escalation");
            e.put("enabled", p.escalationEnabled());
            ArrayNode levels = e.putArray("levels");
            for (EscalationLevel l : p.escalation()) {
                ObjectNode level = levels.addObject();
                level.put("delay", DurationText.format(l.delay()));
                strings(level.putArray("methods"), l.channels());
                strings(level.putArray("recipients"), l.recipients());
            }
        }
        if (!p.sendResolved()) {
            o.put("sendResolved", false);
        }
        putIfPresent(o, "fallbackChannel", p.fallbackChannel());
        if (p.reminderInterval() != null) {
            o.put("reminderInterval", DurationText.format(p.reminderInterval()));
        }
        if (!p.templates().isEmpty()) {
            ObjectNode templates = o.putObject("templates");
            new TreeMap<>(p.templates()).forEach(templates::put);
        }
        return o;
    }

    private static ObjectNode channel(String channel, ChannelSettings settings, Redaction redaction) {
        // the model decides what is a credential, so every view of a rule hides the same things
        ChannelSettings s = redaction == Redaction.REVEAL ? settings : settings.redacted(channel);
        ObjectNode o = NODES.objectNode();
        o.put("enabled", s.enabled());
        if (!s.recipients().isEmpty()) {
            strings(o.putArray(NotificationsReader.recipientsKey(channel)), s.recipients());
        }
        if (!s.cc().isEmpty()) {
            strings(o.putArray("cc"), s.cc());
        }
        putIfPresent(o, "template", s.template());
        if (s.sendResolved() != null) {
            o.put("sendResolved", s.sendResolved());
        }
        putIfPresent(o, "url", s.url());
        putIfPresent(o, "method", s.httpMethod());
        if (!s.headers().isEmpty()) {
            ObjectNode headers = o.putObject("headers");
            new TreeMap<>(s.headers()).forEach(headers::put);
        }
        if (s.secret() != null) {
            o.put("secret", s.secret().reveal());
        }
        return o;
    }

    private static ArrayNode strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
        return a;
    }

    private static void putIfPresent(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void putIfPresent(ObjectNode o, String key, Instant value) {
        if (value != null) {
            o.put(key, value.toString());
        }
    }

    private static void putIfNotZero(ObjectNode o, String key, Duration d) {
        if (!d.isZero()) {
            o.put(key, DurationText.format(d));
        }
    }
}
