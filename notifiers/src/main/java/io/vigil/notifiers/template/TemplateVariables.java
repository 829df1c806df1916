package io.vigil.notifiers.template;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.Notification;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a template can use. Every built-in name is always present (empty when the message
 * has no value for it), so that only names nobody defines render as unknown.
 */
public final class TemplateVariables {
    /** The built-in names, for documentation and for template editors. */
    public static final List<String> NAMES = List.of("rule", "rule_id", "description", "severity", "severity_upper",
            "metric", "value", "threshold", "condition", "labels", "labels.<name>", "triggered_at", "resolved_at",
            "recovery_value", "duration", "age", "record_id", "link", "escalation_level", "kind", "channel",
            "recipient", "notification_id", "now");

    private TemplateVariables() {
    }

    /** The variables of {@code n} rendered at {@code now}; {@link AlertMessage#extra()} entries never replace built-ins. */
    public static Map<String, String> of(Notification n, Instant now) {
        AlertMessage m = n.message();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("rule", m.ruleName());
        v.put("rule_id", text(m.ruleId()));
        v.put("description", text(m.description()));
        v.put("severity", m.severity().wireName());
        v.put("severity_upper", m.severity().wireName().toUpperCase(Locale.ROOT));
        v.put("metric", text(m.metric()));
        v.put("value", Values.number(m.value()));
        v.put("threshold", text(m.threshold()));
        v.put("condition", text(m.condition()));
        v.put("labels", labels(m.labels()));
        v.put("triggered_at", Values.instant(m.triggeredAt()));
        v.put("resolved_at", Values.instant(m.resolvedAt()));
        v.put("recovery_value", Values.number(m.resolveValue()));
        v.put("resolve_value", Values.number(m.resolveValue()));
        v.put("duration", Values.duration(m.duration()));
        v.put("age", Values.duration(Duration.between(m.triggeredAt(), now)));
        v.put("record_id", text(m.recordId()));
        v.put("link", text(m.link()));
        v.put("escalation_level", Integer.toString(m.escalationLevel()));
        v.put("kind", n.kind().wireName());
        v.put("channel", n.channel());
        v.put("recipient", n.recipient());
        v.put("notification_id", n.id());
        v.put("now", Values.instant(now));
        for (int i = 0; i < m.labels().size(); i++) {
            v.put("labels." + m.labels().nameAt(i), m.labels().valueAt(i));
        }
        m.extra().forEach(v::putIfAbsent);
        return v;
    }

    /** {@code env=prod, host=web-1}. */
    public static String labels(Labels labels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(labels.nameAt(i)).append('=').append(labels.valueAt(i));
        }
        return sb.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
