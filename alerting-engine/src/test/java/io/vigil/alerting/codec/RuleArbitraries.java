package io.vigil.alerting.codec;

import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
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
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Random valid rules that set every field of the model, with the awkward values text formats trip on. */
final class RuleArbitraries {
    private RuleArbitraries() {
    }

    /**
     * Any well-formed text, including YAML's tricky words, numbers-as-text, control characters and
     * non-Latin scripts. Unpaired UTF-16 surrogates are left out: they are not Unicode text, and
     * no UTF-8 document (YAML in particular) can carry them.
     */
    static Arbitrary<String> anyText() {
        return anyTextIncludingBrokenUnicode().filter(RuleArbitraries::wellFormed);
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Arbitrary<String> anyTextIncludingBrokenUnicode() {
        return Arbitraries.oneOf(
                Arbitraries.of("yes", "no", "on", "Off", "true", "null", "~", "80", "-0.0", "0x10", "1e3", ".inf", "NaN",
                        "- x", "a: b", "#c", "@x", "*x", "&a", "!x", "|", ">", "'q", "\"d", " lead", "trail ", "",
                        "CPU高使用率告警", "ö\tü", "line\nbreak", "\u0000", "\u2028", "😀", "%x", "=", "{a}", "[a]"),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(10));
    }

    /** Text a name field accepts: non-blank, no control characters. */
    static Arbitrary<String> name() {
        return Arbitraries.oneOf(
                Arbitraries.of("cpu_usage_high", "yes", "80", "内存使用率告警", "- x", "a: b", "null"),
                Arbitraries.strings().alpha().numeric().withChars(" -_.:#@'\"é中").ofMinLength(1).ofMaxLength(40))
                .filter(s -> !s.isBlank());
    }

    static Arbitrary<String> labelName() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(8);
    }

    static Arbitrary<String> metricName() {
        return Arbitraries.oneOf(
                Arbitraries.of("cpu", "memory", "vmStatus", "cpu.usagePercent", "node:cpu_seconds-total", "_x", "yes", "on"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', ':', '-').ofMinLength(1).ofMaxLength(12)
                        .filter(s -> Character.isLetter(s.charAt(0))));
    }

    static Arbitrary<String> channelName() {
        return Arbitraries.oneOf(
                Arbitraries.of(Channels.EMAIL, Channels.SMS, Channels.WEBHOOK, Channels.IN_APP, Channels.DISCORD,
                        Channels.SLACK, "pager", "teams", "yes", "On"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_').ofMinLength(1).ofMaxLength(10)
                        .filter(s -> Character.isLetter(s.charAt(0))));
    }

    static Arbitrary<Double> finite() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, -0.0, 80.0, 0.1, -1.5, 1e20, -1e-20, Double.MAX_VALUE, -Double.MAX_VALUE,
                        Double.MIN_VALUE, 9007199254740993.0, 9007199254740992.0, 123456789.125),
                Arbitraries.doubles(),
                Arbitraries.integers().map(i -> (double) i));
    }

    /** Durations from zero to the model's maximum, often round, sometimes with nanoseconds. */
    static Arbitrary<Duration> duration() {
        long maxNanos = AlertRule.MAX_DURATION.toNanos();
        return Arbitraries.oneOf(
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(90), Duration.ofMinutes(5), Duration.ofHours(1),
                        Duration.ofMillis(1), Duration.ofNanos(1), AlertRule.MAX_DURATION),
                Arbitraries.longs().between(0, 100_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, maxNanos).map(Duration::ofNanos),
                Arbitraries.longs().between(0, AlertRule.MAX_DURATION.toMillis()).map(Duration::ofMillis));
    }

    static Arbitrary<Duration> positiveDuration() {
        return duration().filter(d -> !d.isZero());
    }

    static Arbitrary<Instant> instant() {
        return Arbitraries.oneOf(
                Arbitraries.of(Instant.EPOCH, Instant.parse("2026-02-03T10:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z")),
                Combinators.combine(Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond));
    }

    static Arbitrary<Threshold> thresholdFor(Operator op) {
        Arbitrary<Double> n = finite();
        Arbitrary<Threshold> number = n.map(Threshold::of);
        Arbitrary<Threshold> text = anyText().map(Threshold::text);
        switch (op) {
            case GREATER_THAN: case LESS_THAN: case GREATER_OR_EQUAL: case LESS_OR_EQUAL:
                return number;
            case EQUAL: case NOT_EQUAL:
                return Arbitraries.oneOf(number, text);
            case IN: case NOT_IN:
                return Arbitraries.oneOf(number, text,
                        n.list().ofMinSize(1).ofMaxSize(4).map(Threshold.Numbers::new),
                        anyText().list().ofMinSize(1).ofMaxSize(4).map(Threshold.Texts::new));
            default:
                return Combinators.combine(n, n).as((a, b) -> Threshold.range(Math.min(a, b), Math.max(a, b)));
        }
    }

    /** A condition for {@code op}, still waiting for its id. */
    private static Arbitrary<Function<String, Condition>> conditionFor(Operator op) {
        return Combinators.combine(metricName(), metricName().injectNull(0.6), thresholdFor(op),
                        Arbitraries.of(Aggregation.class), positiveDuration(), duration(), duration(),
                        thresholdFor(op).injectNull(0.7))
                .as((metric, type, threshold, agg, window, lastWindow, hold, recovery) -> id -> new Condition(id, metric,
                        type, op, threshold, agg, agg.needsWindow() ? window : lastWindow, hold, recovery));
    }

    /** One to four conditions with ids unique in the rule. Generators are built once: no flatMap per sample. */
    static Arbitrary<List<Condition>> conditions() {
        List<Arbitrary<Function<String, Condition>>> perOperator = new ArrayList<>();
        for (Operator op : Operator.values()) {
            perOperator.add(conditionFor(op));
        }
        Arbitrary<Function<String, Condition>> any = Arbitraries.oneOf(perOperator);
        return Combinators.combine(any.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of("cond_", "c", "条件", "yes", "80"))
                .as((makers, prefix) -> {
                    List<Condition> out = new ArrayList<>();
                    for (int i = 0; i < makers.size(); i++) {
                        out.add(makers.get(i).apply(prefix + (i + 1)));
                    }
                    return out;
                });
    }

    static Arbitrary<Scope> scope() {
        return Arbitraries.oneOf(
                Arbitraries.just(Scope.global()),
                Combinators.combine(Arbitraries.of(ScopeType.VM, ScopeType.GROUP, ScopeType.CLUSTER), name(),
                        anyText().injectNull(0.5)).as(Scope::new),
                name().map(n -> new Scope(ScopeType.GLOBAL, null, n)));
    }

    static Arbitrary<LabelMatcher> labelMatcher() {
        return Combinators.combine(labelName(), Arbitraries.of(LabelMatcher.Type.class), anyText(),
                Arbitraries.of("web-.*", "a|b", "[0-9]+", ".*", "x\\.y"))
                .as((label, type, text, regex) -> type == LabelMatcher.Type.REGEX || type == LabelMatcher.Type.NOT_REGEX
                        ? LabelMatcher.of(label, type, regex) : LabelMatcher.of(label, type, text));
    }

    static Arbitrary<ChannelSettings> channelSettings() {
        Arbitrary<String> url = Arbitraries.of("https://hooks.example.com/x", "http://127.0.0.1:8080/hook?a=b",
                "https://discord.com/api/webhooks/1/abc", "https://hooks.slack.com/services/T0/B0/tok").injectNull(0.5);
        // credential-like names (Authorization, X-Api-Key, Cookie) are redacted on export; the others are not
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(
                Arbitraries.of("Content-Type", "X-Team", "Authorization", "x-yes", "X-Api-Key", "Cookie"),
                anyText().filter(v -> v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && v.indexOf('\0') < 0
                        && !v.equals(Secret.REDACTED))).ofMaxSize(3);
        Arbitrary<Secret> secret = anyText().filter(s -> !s.isEmpty() && !s.equals(Secret.REDACTED)).map(Secret::of)
                .injectNull(0.5);
        Arbitrary<ChannelSettings> withoutSecret = Combinators.combine(Arbitraries.of(true, false),
                        anyText().list().ofMaxSize(3), anyText().list().ofMaxSize(2), anyText().injectNull(0.6),
                        Arbitraries.of(true, false).injectNull(0.6), url, Arbitraries.of("POST", "PUT").injectNull(0.5), headers)
                .as((enabled, recipients, cc, template, sendResolved, u, method, h) ->
                        new ChannelSettings(enabled, recipients, cc, template, sendResolved, u, method, h, null));
        return Combinators.combine(withoutSecret, secret).as(ChannelSettings::withSecret);
    }

    /** Up to three levels; delays are sorted and made distinct, as the model requires them to increase. */
    static Arbitrary<List<EscalationLevel>> escalation() {
        Arbitrary<EscalationLevel> level = Combinators.combine(
                        Arbitraries.longs().between(1, AlertRule.MAX_DURATION.toMinutes()),
                        channelName().list().ofMaxSize(2), anyText().list().ofMaxSize(2))
                .as((minutes, channels, recipients) -> new EscalationLevel(Duration.ofMinutes(minutes), channels, recipients));
        return level.list().ofMaxSize(3).map(levels -> {
            List<EscalationLevel> sorted = new ArrayList<>(levels);
            sorted.sort(java.util.Comparator.comparing(EscalationLevel::delay));
            List<EscalationLevel> increasing = new ArrayList<>();
            for (EscalationLevel l : sorted) {
                if (increasing.isEmpty() || l.delay().compareTo(increasing.get(increasing.size() - 1).delay()) > 0) {
                    increasing.add(l);
                }
            }
            return increasing;
        });
    }

    static Arbitrary<NotificationPolicy> notifications() {
        return Combinators.combine(
                channelName().list().uniqueElements().ofMaxSize(4),
                Arbitraries.maps(channelName(), channelSettings()).ofMaxSize(4),
                escalation(),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                channelName().injectNull(0.6),
                positiveDuration().injectNull(0.6),
                Arbitraries.maps(channelName(), anyText()).ofMaxSize(2))
                .as((channels, settings, levels, escalationEnabled, sendResolved, fallback, reminder, templates) ->
                        new NotificationPolicy(channels, settings, levels, escalationEnabled, sendResolved, fallback,
                                reminder, templates));
    }

    static Arbitrary<AlertRule> rules() {
        Arbitrary<UnaryOperator<AlertRule.Builder>> identity = Combinators.combine(
                        name().injectNull(0.3), name(), anyText().injectNull(0.3), scope(),
                        labelMatcher().list().ofMaxSize(3), conditions(), Arbitraries.of(ConditionLogic.class),
                        labelName().list().ofMaxSize(3))
                .as((id, name, description, scope, matchers, conditions, logic, groupBy) -> b -> b.id(id).name(name)
                        .description(description).scope(scope).labelMatchers(matchers).conditions(conditions)
                        .logic(logic).groupBy(groupBy));
        Arbitrary<UnaryOperator<AlertRule.Builder>> behaviour = Combinators.combine(
                        Arbitraries.of(true, false), duration(), Arbitraries.of(Severity.class), notifications(), duration(),
                        duration(), Combinators.combine(positiveDuration(), Arbitraries.of(NoDataPolicy.State.class))
                                .as(NoDataPolicy::new).injectNull(0.5),
                        Combinators.combine(Arbitraries.integers().between(1, 1000), positiveDuration(), positiveDuration())
                                .as(FlapDetection::new).injectNull(0.5))
                .as((enabled, cooldown, severity, policy, keepFiring, recovery, noData, flapping) -> b -> b.enabled(enabled)
                        .cooldown(cooldown).severity(severity).notifications(policy).keepFiringFor(keepFiring)
                        .recoveryFor(recovery).noData(noData).flapping(flapping));
        Arbitrary<UnaryOperator<AlertRule.Builder>> metadata = Combinators.combine(instant().injectNull(0.3),
                        instant().injectNull(0.3), anyText().injectNull(0.3), anyText().injectNull(0.3), Arbitraries.longs())
                .as((createdAt, updatedAt, createdBy, updatedBy, version) -> b -> b.createdAt(createdAt)
                        .updatedAt(updatedAt).createdBy(createdBy).updatedBy(updatedBy).version(version));
        return Combinators.combine(identity, behaviour, metadata)
                .as((a, b, c) -> c.apply(b.apply(a.apply(AlertRule.builder()))).build());
    }
}
