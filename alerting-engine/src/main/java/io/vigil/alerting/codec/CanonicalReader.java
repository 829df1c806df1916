package io.vigil.alerting.codec;

import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the camelCase format: seed 003's rule as its API writes it, and Vigil's canonical export,
 * which is the same shape with the fields seed 003 lacks. Plain numbers keep seed 003's units
 * (cooldown and condition duration in seconds, escalation delay in minutes); Vigil's own duration
 * fields take text such as {@code "5m"}.
 *
 * <p>Each field present in the document is applied to the builder; absent fields keep what the
 * builder holds (defaults for a new rule, the existing rule's values for an update) and
 * {@code null} resets a field to its default.
 */
final class CanonicalReader {
    /** Seed 003: a condition's duration defaults to 60 seconds. */
    static final Duration SEED_003_DEFAULT_DURATION = Duration.ofSeconds(60);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private CanonicalReader() {
    }

    static void apply(DocObject o, AlertRule.Builder b, ReadContext ctx, Paths.Renames renames) {
        SharedFields.identity(o, b, ctx);
        if (o.hasAny("scope", "scopeId", "scopeName")) {
            b.scope(scope(o, ctx));
        }
        if (o.has("labelMatchers")) {
            b.labelMatchers(labelMatchers(o, ctx));
        }
        if (o.has("conditions")) {
            b.conditions(List.of());
            List<DocObject> conditions = o.objects("conditions");
            if (conditions != null) {
                for (int k = 0; k < conditions.size(); k++) {
                    DocObject c = conditions.get(k);
                    // the builder numbers conditions it was given; the document may have skipped bad elements
                    String modelPath = "conditions[" + k + "]";
                    renames.rename(modelPath, c.path());
                    b.when(condition(c, modelPath, renames));
                }
            }
        }
        if (o.has("conditionLogic")) {
            ConditionLogic logic = Values.logic(o, "conditionLogic");
            b.logic(logic == null ? ConditionLogic.AND : logic);
        }
        if (o.has("groupBy")) {
            List<String> groupBy = o.texts("groupBy");
            b.groupBy(groupBy == null ? List.of() : groupBy);
        }
        SharedFields.enabledAndSeverity(o, b);
        if (o.has("cooldown")) {
            Duration cooldown = o.duration("cooldown", SECOND, "seconds");
            b.cooldown(cooldown == null ? AlertRule.DEFAULT_COOLDOWN : cooldown);
        }
        if (o.has("keepFiringFor")) {
            b.keepFiringFor(zeroIfNull(o.duration("keepFiringFor")));
        }
        if (o.has("recoveryFor")) {
            b.recoveryFor(zeroIfNull(o.duration("recoveryFor")));
        }
        if (o.has("noData")) {
            b.noData(noData(o.object("noData"), ctx));
        }
        if (o.has("flapping")) {
            b.flapping(flapping(o.object("flapping"), ctx));
        }
        if (o.has("notifications")) {
            b.notifications(NotificationsReader.read(o.object("notifications"), ctx));
        }
        if (o.has("createdAt")) {
            b.createdAt(o.instant("createdAt"));
        }
        if (o.has("updatedAt")) {
            b.updatedAt(o.instant("updatedAt"));
        }
        if (o.has("createdBy")) {
            b.createdBy(o.text("createdBy"));
        }
        if (o.has("updatedBy")) {
            b.updatedBy(o.text("updatedBy"));
        }
        if (o.has("version")) {
            Long version = o.integer("version");
            b.version(version == null ? 0 : version);
        }
        // read-only statistics seed 003 responses carry; the runtime keeps its own
        o.ignore("triggerCount", "lastTriggeredAt");
        o.rejectUnknown(null);
    }

    /** {@code scope}, {@code scopeId} and {@code scopeName} are one field: any of them sets all three. */
    private static Scope scope(DocObject o, ReadContext ctx) {
        ScopeType type = o.has("scope") && o.raw("scope") != null ? Values.scopeType(o, "scope") : ScopeType.GLOBAL;
        String id = o.text("scopeId");
        String name = o.text("scopeName");
        if (type == null) {
            return null; // reported; the rule falls back to global so that other problems still show
        }
        return ctx.build(() -> new Scope(type, id, name), p -> Paths.under(o.path(), p));
    }

    private static List<LabelMatcher> labelMatchers(DocObject o, ReadContext ctx) {
        List<LabelMatcher> out = new ArrayList<>();
        List<DocObject> list = o.objects("labelMatchers");
        if (list == null) {
            return out;
        }
        for (DocObject m : list) {
            String label = m.text("label");
            LabelMatcher.Type type = m.raw("op") == null ? LabelMatcher.Type.EQUAL
                    : Values.parse(m, "op", LabelMatcher.Type::parse, ErrorCode.INVALID_FIELD, "one of =, !=, =~, !~");
            String value = m.text("value");
            m.rejectUnknown(null);
            if (value == null && m.raw("value") == null) {
                ctx.issues().add(ErrorCode.MISSING_FIELD, m.pathOf("value"), "a label matcher needs a value");
            }
            if (type == null || value == null) {
                continue;
            }
            LabelMatcher matcher = ctx.build(() -> LabelMatcher.of(label, type, value),
                    p -> p.equals("labels") ? m.pathOf("label") : m.pathOf("value"));
            if (matcher != null) {
                out.add(matcher);
            }
        }
        return out;
    }

    /**
     * One condition. Seed 003 gives a single {@code duration}: with a windowed aggregation
     * (avg, min, max, sum, count, rate) it is the window, with {@code last} the hold time. The
     * canonical form gives {@code window} and {@code holdFor} explicitly instead.
     */
    private static Condition.Builder condition(DocObject c, String modelPath, Paths.Renames renames) {
        Operator op = Values.operator(c, "operator");
        Aggregation parsedAggregation = Values.aggregation(c, "aggregation");
        Aggregation aggregation = parsedAggregation == null ? Aggregation.LAST : parsedAggregation;
        Condition.Builder cb = Condition.builder()
                .id(c.text("id"))
                .metric(c.text("metric"))
                .metricType(c.text("metricType"))
                .operator(op)
                .aggregation(aggregation)
                .threshold(Values.threshold(c, "threshold", op))
                .recoveryThreshold(Values.threshold(c, "recoveryThreshold", op));
        boolean explicit = c.hasAny("window", "holdFor");
        Duration window = c.duration("window");
        Duration holdFor = c.duration("holdFor");
        boolean seedDuration = c.raw("duration") != null;
        Duration duration = c.duration("duration", SECOND, "seconds");
        c.rejectUnknown(null);
        if (seedDuration && explicit) {
            c.issues().add(ErrorCode.INVALID_CONDITION, c.pathOf("duration"),
                    "write either seed 003's 'duration' or 'window' and 'holdFor', not both");
            return cb.window(window).holdFor(zeroIfNull(holdFor));
        }
        if (explicit) {
            return cb.window(window).holdFor(zeroIfNull(holdFor));
        }
        Duration d = seedDuration ? duration : SEED_003_DEFAULT_DURATION;
        renames.rename(Paths.field(modelPath, "window"), c.pathOf("duration"));
        renames.rename(Paths.field(modelPath, "holdFor"), c.pathOf("duration"));
        return aggregation.needsWindow() ? cb.window(d).holdFor(Duration.ZERO) : cb.holdFor(d);
    }

    private static NoDataPolicy noData(DocObject n, ReadContext ctx) {
        if (n == null) {
            return null;
        }
        Duration after = n.duration("after");
        NoDataPolicy.State state = Values.parse(n, "state", NoDataPolicy.State::parse, ErrorCode.INVALID_FIELD,
                "one of ok, alerting, keep, no_data");
        n.rejectUnknown(null);
        String rulePath = parentOf(n.path(), "noData");
        return ctx.build(() -> new NoDataPolicy(after, state), p -> Paths.under(rulePath, p));
    }

    private static FlapDetection flapping(DocObject f, ReadContext ctx) {
        if (f == null) {
            return null;
        }
        Integer maxChanges = f.smallInteger("maxChanges");
        if (!f.has("maxChanges")) {
            ctx.issues().add(ErrorCode.MISSING_FIELD, f.pathOf("maxChanges"), "how many state changes count as flapping");
        }
        Duration window = f.duration("window");
        Duration stableFor = f.duration("stableFor");
        f.rejectUnknown(null);
        String rulePath = parentOf(f.path(), "flapping");
        return ctx.build(() -> new FlapDetection(maxChanges == null ? 0 : maxChanges, window, stableFor),
                p -> Paths.under(rulePath, p));
    }

    /** The rule's path for a field object whose model errors already start with its own name. */
    private static String parentOf(String path, String field) {
        return path.equals(field) ? "" : path.substring(0, path.length() - field.length() - 1);
    }

    static Duration zeroIfNull(Duration d) {
        return d == null ? Duration.ZERO : d;
    }
}
