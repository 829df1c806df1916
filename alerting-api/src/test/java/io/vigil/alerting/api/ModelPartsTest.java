package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Scope, no-data and flapping policies, samples, errors and the small enums. */
class ModelPartsTest {

    @Test
    void scopes() {
        assertThat(Scope.global().matches(Labels.empty())).isTrue();
        assertThat(Scope.vm("vm_001").matches(Labels.of("vm", "vm_001"))).isTrue();
        assertThat(Scope.vm("vm_001").matches(Labels.of("vm", "vm_002"))).isFalse();
        assertThat(Scope.group("grp_001").matches(Labels.of("group", "grp_001"))).isTrue();
        assertThat(Scope.cluster("c1").matches(Labels.of("vm", "c1"))).isFalse();
        assertThat(Scope.global().isGlobal()).isTrue();
        assertThat(codesAndPaths(() -> new Scope(ScopeType.GLOBAL, "x", null))).containsExactly("INVALID_FIELD@scopeId");
        assertThat(codesAndPaths(() -> Scope.vm(" "))).containsExactly("MISSING_FIELD@scopeId");
        assertThat(codesAndPaths(() -> Scope.cluster(null))).containsExactly("MISSING_FIELD@scopeId");
        assertThat(ScopeType.VM.labelName()).isEqualTo("vm");
        assertThat(ScopeType.GLOBAL.labelName()).isNull();
    }

    @Test
    void noDataPolicy() {
        assertThat(new NoDataPolicy(Duration.ofMinutes(5), NoDataPolicy.State.NO_DATA).state().wireName()).isEqualTo("no_data");
        assertThat(codesAndPaths(() -> new NoDataPolicy(Duration.ZERO, null)))
                .containsExactly("INVALID_DURATION@noData.after", "MISSING_FIELD@noData.state");
        assertThat(codesAndPaths(() -> new NoDataPolicy(AlertRule.MAX_DURATION.plusSeconds(1), NoDataPolicy.State.OK)))
                .containsExactly("INVALID_DURATION@noData.after");
        assertThat(NoDataPolicy.State.parse("NO_DATA")).contains(NoDataPolicy.State.NO_DATA);
        assertThat(NoDataPolicy.State.parse("keep")).contains(NoDataPolicy.State.KEEP);
        assertThat(NoDataPolicy.State.parse("nodata")).isEmpty();
        assertThat(NoDataPolicy.State.parse(null)).isEmpty();
    }

    @Test
    void flapDetection() {
        assertThat(codesAndPaths(() -> new FlapDetection(0, Duration.ZERO, null))).containsExactly(
                "INVALID_FIELD@flapping.maxChanges", "INVALID_DURATION@flapping.window", "INVALID_DURATION@flapping.stableFor");
        FlapDetection f = new FlapDetection(3, Duration.ofMinutes(10), Duration.ofMinutes(5));
        assertThat(f.maxChanges()).isEqualTo(3);
    }

    @Test
    void samples() {
        Instant t = Instant.parse("2026-02-03T12:30:00Z");
        Sample s = Sample.of("cpu_usage", 85.5, t, Labels.of("host", "web-1"));
        assertThat(s.isNumeric()).isTrue();
        assertThat(s.timestamp()).isEqualTo(t);
        Sample state = Sample.ofState("vmStatus", "running", t, Labels.empty());
        assertThat(state.isNumeric()).isFalse();
        assertThat(Double.isNaN(state.value())).isTrue();
        assertThatThrownBy(() -> Sample.of("cpu", Double.NaN, t, Labels.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sample.of("cpu", Double.POSITIVE_INFINITY, 0L, Labels.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sample.of("9cpu", 1, 0L, Labels.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sample("cpu", Labels.empty(), 1.0, "up", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sample.of("cpu", 1, 0L, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void metricNames() {
        assertThat(MetricNames.isValid("cpu.usagePercent")).isTrue();
        assertThat(MetricNames.isValid("node:cpu_seconds-total")).isTrue();
        assertThat(MetricNames.isValid("_x")).isTrue();
        assertThat(MetricNames.isValid("1x")).isFalse();
        assertThat(MetricNames.isValid("a b")).isFalse();
        assertThat(MetricNames.isValid("")).isFalse();
        assertThat(MetricNames.isValid(null)).isFalse();
        assertThat(MetricNames.isValid("a".repeat(200))).isTrue();
        assertThat(MetricNames.isValid("a".repeat(201))).isFalse();
        assertThat(MetricNames.canonical("vmStatus")).isEqualTo("vm_status");
        assertThat(MetricNames.canonical("custom")).isEqualTo("custom");
        assertThat(MetricNames.aliases()).containsEntry("disk.freePercent", "disk_free_percent");
    }

    @Test
    void channelNames() {
        assertThat(Channels.isValidName("inApp")).isTrue();
        assertThat(Channels.isValidName("my-pager_2")).isTrue();
        assertThat(Channels.isValidName("2pager")).isFalse();
        assertThat(Channels.isValidName("a".repeat(65))).isFalse();
        assertThat(Channels.isValidName(null)).isFalse();
        assertThat(Channels.BUILT_IN).contains("email", "sms", "webhook", "inApp", "discord", "slack");
    }

    @Test
    void validationErrorsNestUnderTheirParent() {
        ValidationError e = new ValidationError(ErrorCode.INVALID_THRESHOLD, "threshold", "bad");
        assertThat(e.under("conditions[0]").path()).isEqualTo("conditions[0].threshold");
        assertThat(new ValidationError(ErrorCode.INVALID_FIELD, "[2].name", "x").under("rules").path()).isEqualTo("rules[2].name");
        assertThat(new ValidationError(ErrorCode.INVALID_FIELD, null, "x").under("a").path()).isEqualTo("a");
        assertThat(e.under("")).isSameAs(e);
        assertThat(e.under(null)).isSameAs(e);
        assertThat(e).hasToString("INVALID_THRESHOLD at threshold: bad");
        assertThat(new ValidationError(ErrorCode.MALFORMED_DOCUMENT, "", "oops")).hasToString("MALFORMED_DOCUMENT: oops");
    }

    @Test
    void alertingExceptionsListEveryProblem() {
        AlertingException e = AlertingException.invalid(List.of(
                new ValidationError(ErrorCode.MISSING_FIELD, "name", "must not be empty"),
                new ValidationError(ErrorCode.INVALID_DURATION, "cooldown", "negative")));
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(e.errors()).hasSize(2);
        assertThat(e.getMessage()).isEqualTo("2 problems: MISSING_FIELD at name: must not be empty; INVALID_DURATION at cooldown: negative");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(AlertingException.ruleNotFound("x").code()).isEqualTo(ErrorCode.RULE_NOT_FOUND);
        assertThat(AlertingException.alertNotFound("x").code()).isEqualTo(ErrorCode.ALERT_NOT_FOUND);
        AlertingException single = new AlertingException(ErrorCode.VERSION_CONFLICT, "changed");
        assertThat(single.errors()).containsExactly(new ValidationError(ErrorCode.VERSION_CONFLICT, "", "changed"));
        assertThat(catchThrowable(() -> AlertingException.invalid(List.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enumParsing() {
        assertThat(Severity.parse("HIGH")).contains(Severity.HIGH);
        assertThat(Severity.parse(" warning ")).contains(Severity.MEDIUM);
        assertThat(Severity.parse("info")).contains(Severity.LOW);
        assertThat(Severity.parse("error")).contains(Severity.HIGH);
        assertThat(Severity.parse("urgent")).isEmpty();
        assertThat(Severity.parse(null)).isEmpty();
        assertThat(Severity.CRITICAL.wireName()).isEqualTo("critical");
        assertThat(Severity.CRITICAL.compareTo(Severity.HIGH)).isPositive();

        assertThat(Aggregation.parse("average")).contains(Aggregation.AVG);
        assertThat(Aggregation.parse("MEAN")).contains(Aggregation.AVG);
        assertThat(Aggregation.parse("rate")).contains(Aggregation.RATE);
        assertThat(Aggregation.parse("median")).isEmpty();
        assertThat(Aggregation.parse(null)).isEmpty();
        assertThat(Aggregation.LAST.needsWindow()).isFalse();
        assertThat(Aggregation.COUNT.needsWindow()).isTrue();

        assertThat(ConditionLogic.parse("AND")).contains(ConditionLogic.AND);
        assertThat(ConditionLogic.parse("any")).contains(ConditionLogic.OR);
        assertThat(ConditionLogic.parse("||")).contains(ConditionLogic.OR);
        assertThat(ConditionLogic.parse("xor")).isEmpty();
        assertThat(ConditionLogic.parse(null)).isEmpty();

        assertThat(AlertStatus.parse("Acknowledged")).contains(AlertStatus.ACKNOWLEDGED);
        assertThat(AlertStatus.parse("open")).isEmpty();
        assertThat(ScopeType.parse("VM")).contains(ScopeType.VM);
        assertThat(ScopeType.parse("host")).isEmpty();
        assertThat(ScopeType.parse(null)).isEmpty();
        assertThat(NotificationStatus.parse("delivered")).contains(NotificationStatus.DELIVERED);
        assertThat(NotificationStatus.parse("lost")).isEmpty();
        assertThat(NotificationStatus.PENDING.isTerminal()).isFalse();
        assertThat(NotificationStatus.FAILED.isTerminal()).isTrue();
        assertThat(NotificationKind.NO_DATA.wireName()).isEqualTo("no_data");
    }

    @Test
    void notificationRecordLifecycle() {
        Instant t = Instant.parse("2026-02-03T12:30:00Z");
        NotificationRecord n = NotificationRecord.pending("n1", "alert_001", "rule_001", NotificationKind.FIRING,
                "email", "a@example.com", "subject", "body", t);
        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.nextAttemptAt()).isEqualTo(t);
        NotificationRecord retry = n.retryAt(t.plusSeconds(60), "timeout");
        assertThat(retry.retryCount()).isEqualTo(1);
        assertThat(retry.error()).isEqualTo("timeout");
        assertThat(retry.status()).isEqualTo(NotificationStatus.PENDING);
        NotificationRecord sent = retry.sent(t.plusSeconds(61));
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(t.plusSeconds(61));
        assertThat(sent.nextAttemptAt()).isNull();
        assertThat(sent.retryCount()).isEqualTo(1);
        NotificationRecord failed = retry.failed("refused");
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.error()).isEqualTo("refused");
        assertThat(failed.withVersion(4).version()).isEqualTo(4);
        assertThat(NotificationAttempt.of(sent)).isEqualTo(new NotificationAttempt("n1", "email", "a@example.com",
                NotificationStatus.SENT, t.plusSeconds(61), "timeout"));
        assertThatThrownBy(() -> new NotificationRecord("n", null, null, NotificationKind.TEST, "email", null, null,
                null, NotificationStatus.PENDING, t, null, null, null, -1, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
