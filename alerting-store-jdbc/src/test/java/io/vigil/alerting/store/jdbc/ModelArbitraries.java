package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** jqwik generators for every part of the model the store keeps, each field varied. */
final class ModelArbitraries {
    private ModelArbitraries() {
    }

    // ---- building blocks ------------------------------------------------------------------------

    /** Printable text including non-ASCII, quotes, backslashes; never a lone surrogate. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().withCharRange(' ', '\uD7FF').withChars('\n', '\t').ofMaxLength(30),
                Arbitraries.of("ü\"quoted\"\\", "日本語 ✓", "emoji 🚨 pair", "{\"json\": true}", ""));
    }

    static Arbitrary<String> nonBlank() {
        return text().filter(s -> !s.isBlank());
    }

    static Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMinLength(1).ofMaxLength(60)
                .filter(s -> !s.isBlank() && s.chars().noneMatch(Character::isISOControl));
    }

    static Arbitrary<String> word() {
        return Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(12)
                .filter(s -> Character.isLetter(s.charAt(0)));
    }

    static Arbitrary<String> channel() {
        return Arbitraries.of("email", "sms", "webhook", "inApp", "discord", "slack", "my-plugin_2");
    }

    static Arbitrary<Duration> duration() {
        return Combinators.combine(Arbitraries.longs().between(0, 10_000_000), Arbitraries.integers().between(0, 999_999_999))
                .as(Duration::ofSeconds);
    }

    static Arbitrary<Duration> positiveDuration() {
        return duration().filter(d -> !d.isZero());
    }

    static Arbitrary<Instant> instant() {
        return Combinators.combine(Arbitraries.longs().between(-2_000_000_000L, 8_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    /** Instants a durable store keeps exactly: whole microseconds. */
    static Arbitrary<Instant> microsecondInstant() {
        return Combinators.combine(Arbitraries.longs().between(-2_000_000_000L, 8_000_000_000L),
                Arbitraries.integers().between(0, 999_999)).as((s, us) -> Instant.ofEpochSecond(s, us * 1000L));
    }

    static Arbitrary<Double> finite() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e12, 1e12),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, 0.1));
    }

    static Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(finite(), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    static Arbitrary<Secret> secret() {
        return nonBlank().map(Secret::of);
    }

    static Arbitrary<Map<String, String>> stringMap() {
        return Arbitraries.maps(word(), text()).ofMaxSize(3);
    }

    /** Webhook headers: token names, values on one line (the model refuses line breaks). */
    static Arbitrary<Map<String, String>> headers() {
        return Arbitraries.maps(word(), text().filter(v -> v.indexOf('\r') < 0 && v.indexOf('\n') < 0
                && v.indexOf('\0') < 0)).ofMaxSize(3);
    }

    static Arbitrary<Labels> labels() {
        return Arbitraries.maps(Arbitraries.oneOf(word(), nonBlank()), text()).ofMaxSize(4).map(Labels::of);
    }

    // ---- thresholds and conditions --------------------------------------------------------------

    static Arbitrary<Threshold> threshold() {
        return Arbitraries.oneOf(
                anyDouble().map(Threshold::of),
                Combinators.combine(anyDouble(), anyDouble()).as(Threshold::range),
                anyDouble().list().ofMinSize(1).ofMaxSize(4).map(Threshold.Numbers::new),
                text().map(Threshold::text),
                text().list().ofMinSize(1).ofMaxSize(4).map(Threshold.Texts::new));
    }

    /** An operator with a threshold (and optional recovery threshold) that fits it. */
    private record Comparison(Operator operator, Threshold threshold, Threshold recovery) {
    }

    private static Arbitrary<Threshold> fitting(Operator op) {
        if (op.isRange()) {
            return Combinators.combine(finite(), finite())
                    .as((a, b) -> Threshold.range(Math.min(a, b), Math.max(a, b)));
        }
        if (op.isMembership()) {
            return Arbitraries.oneOf(finite().list().ofMinSize(1).ofMaxSize(4).map(Threshold.Numbers::new),
                    text().list().ofMinSize(1).ofMaxSize(4).map(Threshold.Texts::new),
                    finite().map(Threshold::of), text().map(Threshold::text));
        }
        if (op == Operator.EQUAL || op == Operator.NOT_EQUAL) {
            return Arbitraries.oneOf(finite().map(Threshold::of), text().map(Threshold::text));
        }
        return finite().map(Threshold::of);
    }

    private static Arbitrary<Comparison> comparison() {
        return Arbitraries.of(Operator.class).flatMap(op -> Combinators.combine(fitting(op),
                fitting(op).injectNull(0.5)).as((t, r) -> new Comparison(op, t, r)));
    }

    private static Arbitrary<Condition> condition(int index) {
        Arbitrary<String> metric = Arbitraries.of("cpu_usage", "cpu", "gpu.temperature", "vm:status", "a-b_c.d");
        return Combinators.combine(metric, metric.injectNull(0.5), comparison(), Arbitraries.of(Aggregation.class),
                positiveDuration(), duration()).as((m, type, cmp, agg, window, hold) -> new Condition("cond_" + index, m,
                type, cmp.operator(), cmp.threshold(), agg, window, hold, cmp.recovery()));
    }

    // ---- rules ----------------------------------------------------------------------------------

    static Arbitrary<Scope> scope() {
        return Arbitraries.oneOf(Arbitraries.just(Scope.global()),
                Combinators.combine(Arbitraries.of(ScopeType.VM, ScopeType.GROUP, ScopeType.CLUSTER), word(),
                        name().injectNull(0.5)).as(Scope::new));
    }

    static Arbitrary<LabelMatcher> matcher() {
        return Arbitraries.oneOf(
                Combinators.combine(word(), Arbitraries.of(LabelMatcher.Type.EQUAL, LabelMatcher.Type.NOT_EQUAL), text())
                        .as(LabelMatcher::of),
                Combinators.combine(word(), Arbitraries.of(LabelMatcher.Type.REGEX, LabelMatcher.Type.NOT_REGEX),
                        Arbitraries.of("web-\\d+", ".*", "a|b", "[ü]+\"")).as(LabelMatcher::of));
    }

    static Arbitrary<ChannelSettings> channelSettings() {
        return Builders.withBuilder(() -> new Object[9])
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 0, v))
                .use(text().list().ofMaxSize(3)).in((a, v) -> set(a, 1, v))
                .use(text().list().ofMaxSize(2)).in((a, v) -> set(a, 2, v))
                .use(word().injectNull(0.5)).in((a, v) -> set(a, 3, v))
                .use(Arbitraries.of(true, false).injectNull(0.4)).in((a, v) -> set(a, 4, v))
                .use(Arbitraries.of("https://hooks.example.com/a?b=c&d=%20", "http://127.0.0.1:9/x").injectNull(0.5))
                .in((a, v) -> set(a, 5, v))
                .use(Arbitraries.of("POST", "PUT").injectNull(0.5)).in((a, v) -> set(a, 6, v))
                .use(headers()).in((a, v) -> set(a, 7, v))
                .use(secret().injectNull(0.5)).in((a, v) -> set(a, 8, v))
                .build(a -> new ChannelSettings((Boolean) a[0], cast(a[1]), cast(a[2]), (String) a[3], (Boolean) a[4],
                        (String) a[5], (String) a[6], cast(a[7]), (Secret) a[8]));
    }

    static Arbitrary<List<EscalationLevel>> escalation() {
        return Combinators.combine(positiveDuration().list().ofMaxSize(3).uniqueElements(),
                channel().list().ofMaxSize(2), text().list().ofMaxSize(2)).as((delays, channels, recipients) -> {
                    List<Duration> sorted = new ArrayList<>(delays);
                    sorted.sort(null);
                    List<EscalationLevel> levels = new ArrayList<>();
                    for (Duration d : sorted) {
                        levels.add(new EscalationLevel(d, channels, recipients));
                    }
                    return levels;
                });
    }

    static Arbitrary<NotificationPolicy> policy() {
        return Builders.withBuilder(() -> new Object[8])
                .use(channel().list().ofMaxSize(4).uniqueElements()).in((a, v) -> set(a, 0, v))
                .use(Arbitraries.maps(channel(), channelSettings()).ofMaxSize(3)).in((a, v) -> set(a, 1, v))
                .use(escalation()).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 3, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 4, v))
                .use(channel().injectNull(0.5)).in((a, v) -> set(a, 5, v))
                .use(positiveDuration().injectNull(0.5)).in((a, v) -> set(a, 6, v))
                .use(Arbitraries.maps(channel(), word()).ofMaxSize(2)).in((a, v) -> set(a, 7, v))
                .build(a -> new NotificationPolicy(cast(a[0]), cast(a[1]), cast(a[2]), (Boolean) a[3], (Boolean) a[4],
                        (String) a[5], (Duration) a[6], cast(a[7])));
    }

    static Arbitrary<AlertRule> rule() {
        Arbitrary<List<Condition>> conditions = Arbitraries.integers().between(1, 3).flatMap(n -> {
            List<Arbitrary<Condition>> each = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                each.add(condition(i));
            }
            return Combinators.combine(each).as(List::copyOf);
        });
        return Builders.withBuilder(AlertRule::builder)
                .use(word().injectNull(0.1)).in(AlertRule.Builder::id)
                .use(name()).in(AlertRule.Builder::name)
                .use(text().injectNull(0.3)).in(AlertRule.Builder::description)
                .use(scope()).in(AlertRule.Builder::scope)
                .use(matcher().list().ofMaxSize(3)).in(AlertRule.Builder::labelMatchers)
                .use(conditions).in(AlertRule.Builder::conditions)
                .use(Arbitraries.of(ConditionLogic.class)).in(AlertRule.Builder::logic)
                .use(word().list().ofMaxSize(3)).in(AlertRule.Builder::groupBy)
                .use(Arbitraries.of(true, false)).in(AlertRule.Builder::enabled)
                .use(duration()).in(AlertRule.Builder::cooldown)
                .use(Arbitraries.of(Severity.class)).in(AlertRule.Builder::severity)
                .use(policy()).in(AlertRule.Builder::notifications)
                .use(duration()).in(AlertRule.Builder::keepFiringFor)
                .use(duration()).in(AlertRule.Builder::recoveryFor)
                .use(Combinators.combine(positiveDuration(), Arbitraries.of(NoDataPolicy.State.class))
                        .as(NoDataPolicy::new).injectNull(0.4)).in(AlertRule.Builder::noData)
                .use(Combinators.combine(Arbitraries.integers().between(1, 50), positiveDuration(), positiveDuration())
                        .as(FlapDetection::new).injectNull(0.4)).in(AlertRule.Builder::flapping)
                .use(instant().injectNull(0.3)).in(AlertRule.Builder::createdAt)
                .use(instant().injectNull(0.3)).in(AlertRule.Builder::updatedAt)
                .use(text().injectNull(0.3)).in(AlertRule.Builder::createdBy)
                .use(text().injectNull(0.3)).in(AlertRule.Builder::updatedBy)
                .use(Arbitraries.longs().between(0, Long.MAX_VALUE)).in(AlertRule.Builder::version)
                .build(AlertRule.Builder::build);
    }

    // ---- records and configuration ----------------------------------------------------------------

    /**
     * Records as a durable store keeps them exactly: microsecond instants, and trigger and
     * resolve values that SQLite's REAL keeps (no NaN, which it turns into NULL, nor -0.0).
     */
    static Arbitrary<AlertRecord> record(Arbitrary<String> ids) {
        Arbitrary<Double> storable = finite().filter(d -> Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(-0.0));
        Arbitrary<Instant> maybe = microsecondInstant().injectNull(0.4);
        return Builders.withBuilder(() -> new Object[26])
                .use(ids).in((a, v) -> set(a, 0, v))
                .use(word()).in((a, v) -> set(a, 1, v))
                .use(name()).in((a, v) -> set(a, 2, v))
                .use(labels()).in((a, v) -> set(a, 3, v))
                .use(word().injectNull(0.2)).in((a, v) -> set(a, 4, v))
                .use(Arbitraries.of(Severity.class)).in((a, v) -> set(a, 5, v))
                .use(storable.injectNull(0.3)).in((a, v) -> set(a, 6, v))
                .use(threshold().injectNull(0.3)).in((a, v) -> set(a, 7, v))
                .use(text().injectNull(0.3)).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.of(AlertStatus.class)).in((a, v) -> set(a, 9, v))
                .use(microsecondInstant()).in((a, v) -> set(a, 10, v))
                .use(maybe).in((a, v) -> set(a, 11, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 12, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 13, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 14, v))
                .use(maybe).in((a, v) -> set(a, 15, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 16, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 17, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 18, v))
                .use(storable.injectNull(0.4)).in((a, v) -> set(a, 19, v))
                .use(Arbitraries.maps(nonBlank(), anyDouble()).ofMaxSize(4)).in((a, v) -> set(a, 20, v))
                .use(Arbitraries.integers().between(0, 10)).in((a, v) -> set(a, 22, v))
                .use(microsecondInstant()).in((a, v) -> set(a, 23, v))
                .use(microsecondInstant()).in((a, v) -> set(a, 24, v))
                .build(a -> new AlertRecord((String) a[0], (String) a[1], (String) a[2], (Labels) a[3], (String) a[4],
                        (Severity) a[5], (Double) a[6], (Threshold) a[7], (String) a[8], (AlertStatus) a[9],
                        (Instant) a[10], (Instant) a[11], (String) a[12], (String) a[13], (String) a[14],
                        (Instant) a[15], (String) a[16], (String) a[17], (String) a[18], (Double) a[19], cast(a[20]),
                        List.of(), (Integer) a[22], (Instant) a[23], (Instant) a[24], 0));
    }

    static Arbitrary<NotificationConfig> config() {
        Arbitrary<NotificationConfig.Smtp> smtp = Builders.withBuilder(() -> new Object[8])
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 0, v))
                .use(nonBlank()).in((a, v) -> set(a, 1, v))
                .use(Arbitraries.integers().between(1, 65535)).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.of(NotificationConfig.SmtpSecurity.class)).in((a, v) -> set(a, 3, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 4, v))
                .use(secret().injectNull(0.4)).in((a, v) -> set(a, 5, v))
                .use(nonBlank()).in((a, v) -> set(a, 6, v))
                .use(text().injectNull(0.4)).in((a, v) -> set(a, 7, v))
                .build(a -> new NotificationConfig.Smtp((Boolean) a[0], (String) a[1], (Integer) a[2],
                        (NotificationConfig.SmtpSecurity) a[3], (String) a[4], (Secret) a[5], (String) a[6], (String) a[7]));
        Arbitrary<NotificationConfig.Sms> sms = Combinators.combine(Arbitraries.of(true, false), nonBlank(),
                secret().injectNull(0.4), secret().injectNull(0.4), text().injectNull(0.4), text().injectNull(0.4))
                .as(NotificationConfig.Sms::new);
        Arbitrary<NotificationConfig.QuietHours> quiet = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay),
                Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay),
                Arbitraries.of("UTC", "Asia/Shanghai", "Europe/Berlin", "+05:30", "America/New_York").map(ZoneId::of),
                Arbitraries.of(true, false)).as(NotificationConfig.QuietHours::new);
        Arbitrary<NotificationConfig.DeliveryPolicy> policy = Combinators.combine(Arbitraries.integers().between(0, 100),
                duration(), duration(), duration(), quiet.injectNull(0.4)).as(NotificationConfig.DeliveryPolicy::new);
        return Combinators.combine(smtp.injectNull(0.3), sms.injectNull(0.3), Arbitraries.maps(channel(), word()).ofMaxSize(3),
                policy).as(NotificationConfig::new);
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
