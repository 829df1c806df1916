package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static io.vigil.alerting.api.ValidationAssertions.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class AlertRuleTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** The issue's example: "avg over 5 min >= 80 for 5 min, high, email+discord, cooldown 30 min" in one statement. */
    @Test
    void cpuExampleReadsLikeTheRuleItBuilds() {
        AlertRule cpu = AlertRule.named("cpu_usage_high")
                .describedAs("CPU above 80% for 5 minutes")
                .when(Condition.avg("cpu_usage").over(FIVE_MINUTES).atLeast(80).holdFor(FIVE_MINUTES))
                .severity(Severity.HIGH)
                .notify(Channels.EMAIL, Channels.DISCORD)
                .cooldown(Duration.ofMinutes(30))
                .build();

        assertThat(cpu.name()).isEqualTo("cpu_usage_high");
        assertThat(cpu.description()).isEqualTo("CPU above 80% for 5 minutes");
        assertThat(cpu.conditions()).hasSize(1);
        Condition c = cpu.conditions().get(0);
        assertThat(c.id()).isEqualTo("cond_1");
        assertThat(c.metric()).isEqualTo("cpu_usage");
        assertThat(c.aggregation()).isEqualTo(Aggregation.AVG);
        assertThat(c.window()).isEqualTo(FIVE_MINUTES);
        assertThat(c.operator()).isEqualTo(Operator.GREATER_OR_EQUAL);
        assertThat(c.threshold()).isEqualTo(Threshold.of(80));
        assertThat(c.holdFor()).isEqualTo(FIVE_MINUTES);
        assertThat(cpu.severity()).isEqualTo(Severity.HIGH);
        assertThat(cpu.notifications().channels()).containsExactly("email", "discord");
        assertThat(cpu.cooldown()).isEqualTo(Duration.ofMinutes(30));
        assertThat(cpu.describeConditions()).isEqualTo("avg(cpu_usage[5m]) >= 80 for 5m");
    }

    @Test
    void builderDefaultsFollowSeed003() {
        AlertRule r = AlertRule.named("r").when(Condition.last("m").above(1)).build();
        assertThat(r.id()).isNull();
        assertThat(r.enabled()).isTrue();
        assertThat(r.cooldown()).isEqualTo(Duration.ofSeconds(300));
        assertThat(r.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(r.logic()).isEqualTo(ConditionLogic.AND);
        assertThat(r.scope()).isEqualTo(Scope.global());
        assertThat(r.notifications()).isEqualTo(NotificationPolicy.none());
        assertThat(r.keepFiringFor()).isZero();
        assertThat(r.recoveryFor()).isZero();
        assertThat(r.noData()).isNull();
        assertThat(r.flapping()).isNull();
        assertThat(r.version()).isZero();
    }

    @Test
    void canonicalConstructorFillsDefaultsForNulls() {
        AlertRule r = new AlertRule(null, "n", null, null, null, List.of(Condition.last("m").above(1).build()),
                null, null, true, Duration.ZERO, Severity.LOW, null, null, null, null, null, null, null, null, null, 0);
        assertThat(r.scope()).isEqualTo(Scope.global());
        assertThat(r.labelMatchers()).isEmpty();
        assertThat(r.groupBy()).isEmpty();
        assertThat(r.logic()).isEqualTo(ConditionLogic.AND);
        assertThat(r.notifications()).isEqualTo(NotificationPolicy.none());
        assertThat(r.keepFiringFor()).isZero();
        assertThat(r.recoveryFor()).isZero();
    }

    @Test
    void everyRuleLevelProblemIsReportedAtOnce() {
        List<String> problems = codesAndPaths(() -> AlertRule.builder()
                .id(" ")
                .name("")
                .cooldown(Duration.ofSeconds(-1))
                .severity(null)
                .keepFiringFor(Duration.ofMinutes(-1))
                .recoveryFor(Duration.ofMinutes(-2))
                .groupBy(List.of("host", " "))
                .build());
        assertThat(problems).containsExactly(
                "INVALID_FIELD@id",
                "MISSING_FIELD@name",
                "MISSING_FIELD@conditions",
                "INVALID_DURATION@cooldown",
                "MISSING_FIELD@severity",
                "INVALID_DURATION@keepFiringFor",
                "INVALID_DURATION@recoveryFor",
                "INVALID_FIELD@groupBy[1]");
    }

    @Test
    void conditionProblemsCarryTheirIndexAndComeWithRuleProblems() {
        List<ValidationError> errors = errorsOf(() -> AlertRule.named(null)
                .when(Condition.last("ok").above(1))
                .when(Condition.avg("cpu_usage").atLeast(Double.NaN))
                .when(Condition.last("x").between(5, 1))
                .build());
        assertThat(errors).extracting(e -> e.code() + "@" + e.path()).containsExactly(
                "INVALID_THRESHOLD@conditions[1].threshold",
                "MISSING_FIELD@conditions[1].window",
                "INVALID_THRESHOLD@conditions[2].threshold",
                "MISSING_FIELD@name");
        assertThat(errors.get(2).message()).isEqualTo("range lower bound 5 is above upper bound 1");
    }

    @Test
    void nameRules() {
        assertThat(codesAndPaths(() -> rule().name("   ").build())).containsExactly("MISSING_FIELD@name");
        assertThat(codesAndPaths(() -> rule().name("a".repeat(AlertRule.MAX_NAME_LENGTH + 1)).build()))
                .containsExactly("INVALID_FIELD@name");
        assertThat(codesAndPaths(() -> rule().name("line\nbreak").build())).containsExactly("INVALID_FIELD@name");
        assertThat(rule().name("a".repeat(AlertRule.MAX_NAME_LENGTH)).build().name()).hasSize(AlertRule.MAX_NAME_LENGTH);
        assertThat(rule().name("CPU高使用率告警").build().name()).isEqualTo("CPU高使用率告警");
    }

    @Test
    void idRules() {
        assertThat(codesAndPaths(() -> rule().id("x".repeat(101)).build())).containsExactly("INVALID_FIELD@id");
        assertThat(codesAndPaths(() -> rule().id("a\tb").build())).containsExactly("INVALID_FIELD@id");
        assertThat(rule().id("rule_001").build().id()).isEqualTo("rule_001");
    }

    @Test
    void durationsLongerThanTheMaximumAreRejected() {
        Duration tooLong = AlertRule.MAX_DURATION.plusMillis(1);
        assertThat(codesAndPaths(() -> rule().cooldown(tooLong).keepFiringFor(tooLong).recoveryFor(tooLong).build()))
                .containsExactly("INVALID_DURATION@cooldown", "INVALID_DURATION@keepFiringFor",
                        "INVALID_DURATION@recoveryFor");
        assertThat(codesAndPaths(() -> AlertRule.named("r")
                .when(Condition.avg("m").over(Duration.ofSeconds(Long.MAX_VALUE)).above(1).holdFor(tooLong)).build()))
                .containsExactly("INVALID_DURATION@conditions[0].window", "INVALID_DURATION@conditions[0].holdFor");
        assertThat(rule().cooldown(AlertRule.MAX_DURATION).build().cooldown()).isEqualTo(AlertRule.MAX_DURATION);
    }

    @Test
    void conditionIdsMustBeUniqueWithinARule() {
        Condition a = Condition.last("a").above(1).id("c").build();
        Condition b = Condition.last("b").above(1).id("c").build();
        assertThat(codesAndPaths(() -> AlertRule.named("r").when(a).when(b).build()))
                .containsExactly("INVALID_CONDITION@conditions[1].id");
        // the canonical constructor checks the same
        AlertRule ok = AlertRule.named("r").when(a).build();
        assertThat(codesAndPaths(() -> ok.toBuilder().conditions(List.of(a, b)).build()))
                .containsExactly("INVALID_CONDITION@conditions[1].id");
        assertThat(codesAndPaths(() -> new AlertRule(null, "r", null, null, null, List.of(a, b), null, null, true,
                Duration.ZERO, Severity.LOW, null, null, null, null, null, null, null, null, null, 0)))
                .containsExactly("INVALID_CONDITION@conditions[1].id");
    }

    @Test
    void builtConditionsGetPositionalIdsUnlessNamed() {
        AlertRule r = AlertRule.named("r")
                .when(Condition.last("a").above(1))
                .and(Condition.last("b").below(2).id("mine"))
                .when(Condition.last("c").below(3))
                .build();
        assertThat(r.conditions()).extracting(Condition::id).containsExactly("cond_1", "mine", "cond_3");
    }

    @Test
    void andOrSetTheLogic() {
        AlertRule any = AlertRule.named("r").when(Condition.last("a").above(1)).or(Condition.last("b").above(1)).build();
        assertThat(any.logic()).isEqualTo(ConditionLogic.OR);
        assertThat(any.describeConditions()).isEqualTo("a > 1 or b > 1");
        AlertRule all = AlertRule.named("r").when(Condition.last("a").above(1)).and(Condition.last("b").above(1)).build();
        assertThat(all.describeConditions()).isEqualTo("a > 1 and b > 1");
    }

    @Test
    void toBuilderRebuildsAnEqualRuleAndWithersChangeOneThing() {
        AlertRule r = fullRule();
        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.withId("other")).isEqualTo(r.toBuilder().id("other").build());
        assertThat(r.withId("other").name()).isEqualTo(r.name());
        assertThat(r.withEnabled(false).enabled()).isFalse();
        assertThat(r.withEnabled(true).enabled()).isTrue();
        assertThat(r.withEnabled(true).withEnabled(false)).isEqualTo(r);
    }

    @Test
    void redactedHidesEverySecretAndNothingElse() {
        AlertRule r = fullRule();
        AlertRule redacted = r.redacted();
        ChannelSettings webhook = redacted.notifications().settingsFor(Channels.WEBHOOK);
        assertThat(webhook.secret().reveal()).isEqualTo(Secret.REDACTED);
        assertThat(redacted.notifications().settingsFor(Channels.EMAIL)).isEqualTo(r.notifications().settingsFor(Channels.EMAIL));
        assertThat(redacted.toBuilder().notifications(r.notifications()).build()).isEqualTo(r);
        assertThat(r.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void targetsChecksScopeAndEveryLabelMatcher() {
        AlertRule r = rule().scope(Scope.vm("vm_001")).where("env", "prod")
                .labelMatchers(List.of(LabelMatcher.equal("env", "prod"), LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-.*")))
                .build();
        assertThat(r.targets(Labels.of("vm", "vm_001", "env", "prod", "host", "web-1"))).isTrue();
        assertThat(r.targets(Labels.of("vm", "vm_002", "env", "prod", "host", "web-1"))).isFalse();
        assertThat(r.targets(Labels.of("vm", "vm_001", "env", "dev", "host", "web-1"))).isFalse();
        assertThat(r.targets(Labels.of("vm", "vm_001", "env", "prod", "host", "db-1"))).isFalse();
        assertThat(r.labelMatchers()).hasSize(2);
    }

    @Test
    void whereAddsEqualityMatchers() {
        AlertRule r = rule().where("service", "web-server").where("environment", "production").build();
        assertThat(r.labelMatchers()).containsExactly(
                LabelMatcher.equal("service", "web-server"), LabelMatcher.equal("environment", "production"));
    }

    @Test
    void listsAreCopiedNotShared() {
        java.util.ArrayList<String> group = new java.util.ArrayList<>(List.of("host"));
        AlertRule r = rule().groupBy(group).build();
        group.add("env");
        assertThat(r.groupBy()).containsExactly("host");
        assertThat(catchThrowable(() -> r.groupBy().add("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    static AlertRule.Builder rule() {
        return AlertRule.named("r").when(Condition.last("m").above(1));
    }

    /** A rule with every field set, for copy and redaction tests. */
    static AlertRule fullRule() {
        NotificationPolicy policy = NotificationPolicy.builder()
                .channel(Channels.EMAIL, ChannelSettings.to("ops@example.com"))
                .channel(Channels.WEBHOOK, ChannelSettings.webhook("https://hooks.example.com/x").withSecret(Secret.of("s3cr3t-value")))
                .escalateAfter(Duration.ofMinutes(30), Channels.SMS)
                .sendResolved(false)
                .fallbackChannel(Channels.SLACK)
                .remindEvery(Duration.ofHours(4))
                .template(Channels.EMAIL, "tpl")
                .build();
        return AlertRule.named("full")
                .id("rule_1")
                .describedAs("everything")
                .scope(new Scope(ScopeType.GROUP, "grp_1", "Group one"))
                .where("env", "prod")
                .when(Condition.avg("cpu").metricType("cpu.usagePercent").over(Duration.ofMinutes(5)).atLeast(80)
                        .recoverAt(70).holdFor(Duration.ofMinutes(1)))
                .or(Condition.last("vmStatus").in("stopped", "error"))
                .groupBy("host")
                .enabled(false)
                .cooldown(Duration.ofMinutes(10))
                .severity(Severity.CRITICAL)
                .notifications(policy)
                .keepFiringFor(Duration.ofMinutes(2))
                .recoveryFor(Duration.ofMinutes(3))
                .noData(Duration.ofMinutes(10), NoDataPolicy.State.ALERTING)
                .flapping(new FlapDetection(5, Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
                .updatedAt(Instant.parse("2026-02-03T10:00:00Z"))
                .createdBy("usr_001")
                .updatedBy("usr_002")
                .version(7)
                .build();
    }
}
