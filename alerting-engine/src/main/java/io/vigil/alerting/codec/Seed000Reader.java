package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Threshold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads seed 000's snake_case rule: one condition ({@code condition} operator word, and
 * {@code threshold.metric/value/duration_minutes} with {@code duration_minutes} the hold time on the
 * latest value), {@code channels}, {@code cooldown_minutes}, {@code escalation_minutes} (one
 * escalation level to the rule's own channels) and {@code tags} (label equality matchers).
 *
 * <p>In an update (seed 000's partial {@code PUT}) the seed fields change the rule's single
 * condition in place, so {@code {"threshold": {"value": 85}}} keeps the operator, metric and hold time.
 */
final class Seed000Reader {
    /** Fields only seed 000 writes; any of them makes a rule document a seed 000 one. */
    static final List<String> MARKERS = List.of("condition", "threshold", "channels", "cooldown_minutes",
            "escalation_minutes", "tags");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private Seed000Reader() {
    }

    static void apply(DocObject o, AlertRule.Builder b, ReadContext ctx, Paths.Renames renames, String marker) {
        SharedFields.identity(o, b, ctx);
        if (o.hasAny("condition", "threshold")) {
            Condition.Builder cb = singleCondition(o, ctx);
            if (cb != null) {
                b.conditions(List.of());
                b.when(cb);
            }
        }
        SharedFields.enabledAndSeverity(o, b);
        if (o.hasAny("channels", "escalation_minutes")) {
            NotificationPolicy policy = notifications(o, ctx);
            if (policy != null) {
                b.notifications(policy);
            }
        }
        if (o.has("cooldown_minutes")) {
            Duration cooldown = o.numberDuration("cooldown_minutes", MINUTE, "minutes");
            b.cooldown(cooldown == null ? AlertRule.DEFAULT_COOLDOWN : cooldown);
        }
        if (o.has("tags")) {
            b.labelMatchers(tags(o, ctx));
        }
        o.rejectUnknown("the rule is read in seed 000's format because it has '" + marker + "'");
        renames.rename("conditions", "threshold")
                .rename("conditions[0].metric", "threshold.metric")
                .rename("conditions[0].threshold", "threshold.value")
                .rename("conditions[0].holdFor", "threshold.duration_minutes")
                .rename("conditions[0].operator", "condition")
                .rename("cooldown", "cooldown_minutes")
                .rename("escalation.levels[0].delay", "escalation_minutes");
    }

    /** The condition the seed fields describe, starting from the updated rule's one condition. */
    private static Condition.Builder singleCondition(DocObject o, ReadContext ctx) {
        Condition.Builder cb = Condition.builder();
        AlertRule existing = ctx.existing();
        if (existing != null) {
            if (existing.conditions().size() != 1) {
                ctx.issues().add(ErrorCode.INVALID_CONDITION, o.has("threshold") ? o.pathOf("threshold") : o.pathOf("condition"),
                        "seed 000's fields describe one condition, but this rule has " + existing.conditions().size());
                o.raw("condition");
                o.raw("threshold");
                return null;
            }
            cb = existing.conditions().get(0).toBuilder();
        }
        if (o.has("condition")) {
            cb.operator(Values.operator(o, "condition"));
        }
        if (o.has("threshold")) {
            DocObject t = o.object("threshold");
            if (t == null) {
                cb.metric(null).threshold(null);
            } else {
                if (t.has("metric")) {
                    cb.metric(t.text("metric"));
                }
                if (t.has("value")) {
                    Double value = t.number("value");
                    cb.threshold(value == null ? null : Threshold.of(value));
                }
                if (t.has("duration_minutes")) {
                    cb.holdFor(CanonicalReader.zeroIfNull(t.numberDuration("duration_minutes", MINUTE, "minutes")));
                }
                t.rejectUnknown(null);
            }
        }
        return cb;
    }

    private static NotificationPolicy notifications(DocObject o, ReadContext ctx) {
        NotificationPolicy base = ctx.existing() == null ? NotificationPolicy.none() : ctx.existing().notifications();
        NotificationPolicy.Builder pb = base.toBuilder();
        if (o.has("channels")) {
            List<String> channels = o.texts("channels");
            pb.channels(channels == null ? List.of() : channels);
        }
        if (o.has("escalation_minutes")) {
            Duration delay = o.numberDuration("escalation_minutes", MINUTE, "minutes");
            if (delay == null || delay.isZero()) {
                pb.escalation(List.of()).escalationEnabled(false); // 0 or null: no escalation
            } else {
                EscalationLevel level = ctx.build(() -> new EscalationLevel(delay, List.of(), List.of()),
                        p -> o.pathOf("escalation_minutes"));
                if (level != null) {
                    pb.escalation(List.of(level)).escalationEnabled(true);
                }
            }
        }
        return ctx.build(pb::build, p -> p.startsWith("escalation") ? o.pathOf("escalation_minutes") : Paths.under(o.path(), p));
    }

    private static List<LabelMatcher> tags(DocObject o, ReadContext ctx) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Map<String, String> tags = o.textMap("tags");
        if (tags != null) {
            tags.forEach((name, value) -> {
                LabelMatcher m = ctx.build(() -> LabelMatcher.equal(name, value),
                        p -> Paths.field(o.pathOf("tags"), name));
                if (m != null) {
                    matchers.add(m);
                }
            });
        }
        return matchers;
    }

    /** Which marker field makes this document a seed 000 rule, or {@code null}. */
    static String marker(com.fasterxml.jackson.databind.JsonNode rule) {
        for (String field : MARKERS) {
            if (rule.has(field)) {
                return field;
            }
        }
        return null;
    }
}
