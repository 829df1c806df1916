package io.vigil.alerting.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Validation is total: whatever values a caller feeds the builders, the result is a rule or an
 * {@link AlertingException} listing problems, never another exception.
 */
class RuleBuilderProperties {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of("", " ", "cpu", "cpu_usage", "cpu.usagePercent", "9lives", "a b", "\n", "cond_1"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().ofMinLength(195).ofMaxLength(205));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(-1), AlertRule.MAX_DURATION,
                        AlertRule.MAX_DURATION.plusNanos(1), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE)),
                Arbitraries.longs().map(Duration::ofMillis),
                Arbitraries.longs().map(Duration::ofNanos));
    }

    @Provide
    Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MAX_VALUE, Double.MIN_VALUE, 80.0),
                Arbitraries.doubles());
    }

    @Provide
    Arbitrary<Threshold> thresholds() {
        Arbitrary<Double> n = numbers();
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                n.map(Threshold::of),
                Combinators.combine(n, n).as(Threshold::range),
                n.list().ofMaxSize(4).map(Threshold.Numbers::new),
                Arbitraries.strings().ofMaxLength(5).map(Threshold::text),
                Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(3).map(Threshold.Texts::new));
    }

    @Provide
    Arbitrary<Condition.Builder> conditions() {
        Arbitrary<Operator> ops = Arbitraries.of(Operator.class).injectNull(0.1);
        Arbitrary<Aggregation> aggs = Arbitraries.of(Aggregation.class).injectNull(0.1);
        Arbitrary<Condition.Builder> withoutRecovery = Combinators.combine(texts(), texts(), texts(), ops, thresholds(),
                        aggs, durations(), durations())
                .as((id, metric, type, op, threshold, agg, window, hold) -> Condition.builder().id(id).metric(metric)
                        .metricType(type).operator(op).threshold(threshold).aggregation(agg).window(window).holdFor(hold));
        // combine, not flatMap: a flatMap would build new generators for every sample, which is slow
        return Combinators.combine(withoutRecovery, thresholds()).as(Condition.Builder::recoveryThreshold);
    }

    @Property(tries = 500)
    void buildingARuleOnlyEverThrowsAlertingException(
            @ForAll("texts") String id, @ForAll("texts") String name, @ForAll("texts") String description,
            @ForAll("durations") Duration cooldown, @ForAll("durations") Duration keepFiringFor,
            @ForAll("durations") Duration recoveryFor,
            @ForAll("conditions") Condition.Builder first, @ForAll("conditions") Condition.Builder second,
            @ForAll boolean twoConditions, @ForAll Severity severity, @ForAll boolean nullSeverity) {
        AlertRule.Builder b = AlertRule.builder().id(id).name(name).description(description).cooldown(cooldown)
                .keepFiringFor(keepFiringFor).recoveryFor(recoveryFor).severity(nullSeverity ? null : severity)
                .when(first);
        if (twoConditions) {
            b.or(second);
        }
        Throwable t = catchThrowable(() -> {
            AlertRule rule = b.build();
            // a rule that validates can also describe itself and survive a copy
            assertThat(rule.describeConditions()).isNotEmpty();
            assertThat(rule.toBuilder().build()).isEqualTo(rule);
        });
        if (t != null) {
            assertThat(t).isInstanceOf(AlertingException.class);
            AlertingException e = (AlertingException) t;
            assertThat(e.errors()).isNotEmpty();
            assertThat(e.code()).isEqualTo(e.errors().get(0).code());
        }
    }

    @Property(tries = 500)
    void policiesAndPartsOnlyEverThrowAlertingException(
            @ForAll("durations") Duration a, @ForAll("durations") Duration b,
            @ForAll("texts") String channel, @ForAll("texts") String url, @ForAll("texts") String method,
            @ForAll("texts") String headerName, @ForAll("texts") String headerValue, @ForAll int maxChanges) {
        List<Runnable> attempts = List.of(
                () -> new EscalationLevel(a, List.of(), List.of()),
                () -> NotificationPolicy.builder().escalation(List.of(new EscalationLevel(Duration.ofMinutes(1), List.of(), List.of())))
                        .remindEvery(b).build(),
                () -> new NoDataPolicy(a, NoDataPolicy.State.OK),
                () -> new FlapDetection(maxChanges, a, b),
                () -> new NotificationConfig.DeliveryPolicy(maxChanges, a, b, a, null),
                () -> NotificationPolicy.builder().channels(channel == null ? List.of() : List.of(channel))
                        .fallbackChannel(channel).build(),
                () -> new ChannelSettings(true, null, null, null, null, url, method,
                        headerName == null || headerValue == null ? null : java.util.Map.of(headerName, headerValue), null));
        for (Runnable attempt : attempts) {
            Throwable t = catchThrowable(attempt::run);
            if (t != null) {
                assertThat(t).isInstanceOf(AlertingException.class);
            }
        }
    }
}
