package io.vigil.alerting.spi;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTest {

    private static final Instant T = Instant.parse("2026-02-03T12:00:00Z");

    @Test
    void ruleQueryFilters() {
        AlertRule rule = AlertRule.named("r").id("rule_1").scope(Scope.vm("vm_001")).severity(Severity.HIGH)
                .when(Condition.last("cpu").above(1)).build();
        assertThat(RuleQuery.all().matches(rule)).isTrue();
        assertThat(new RuleQuery(true, Severity.HIGH, ScopeType.VM, "vm_001", null).matches(rule)).isTrue();
        assertThat(new RuleQuery(false, null, null, null, null).matches(rule)).isFalse();
        assertThat(new RuleQuery(null, Severity.LOW, null, null, null).matches(rule)).isFalse();
        assertThat(new RuleQuery(null, null, ScopeType.GROUP, null, null).matches(rule)).isFalse();
        assertThat(new RuleQuery(null, null, null, "vm_002", null).matches(rule)).isFalse();
        assertThat(new RuleQuery(null, null, null, null, null).page()).isEqualTo(PageRequest.first());
    }

    @Test
    void recordQueryFilters() {
        AlertRule rule = AlertRule.named("r").id("rule_1").severity(Severity.HIGH).when(Condition.last("cpu").above(1)).build();
        AlertRecord rec = AlertRecord.fired("a1", rule, Labels.of("vm", "vm_001"), "cpu", 2.0, Threshold.of(1), "cpu > 1",
                null, T);
        assertThat(RecordQuery.all().matches(rec)).isTrue();
        assertThat(new RecordQuery(Set.of(AlertStatus.ACTIVE), Set.of(Severity.HIGH), "rule_1", Map.of("vm", "vm_001"),
                T, T.plusSeconds(1), null).matches(rec)).isTrue();
        assertThat(new RecordQuery(Set.of(AlertStatus.RESOLVED), null, null, null, null, null, null).matches(rec)).isFalse();
        assertThat(new RecordQuery(null, Set.of(Severity.LOW), null, null, null, null, null).matches(rec)).isFalse();
        assertThat(new RecordQuery(null, null, "rule_2", null, null, null, null).matches(rec)).isFalse();
        assertThat(new RecordQuery(null, null, null, Map.of("vm", "vm_002"), null, null, null).matches(rec)).isFalse();
        assertThat(new RecordQuery(null, null, null, null, T.plusSeconds(1), null, null).matches(rec)).isFalse();
        assertThat(new RecordQuery(null, null, null, null, null, T, null).matches(rec)).as("'to' is exclusive").isFalse();
        assertThat(RecordQuery.forRule("rule_1", null, null, PageRequest.first()).matches(rec)).isTrue();
    }

    @Test
    void notificationQueryFilters() {
        NotificationRecord n = NotificationRecord.pending("n1", "a1", "rule_1", NotificationKind.FIRING, "email",
                "x@example.com", null, "body", T);
        assertThat(NotificationQuery.all().matches(n)).isTrue();
        assertThat(NotificationQuery.forAlert("a1").matches(n)).isTrue();
        assertThat(NotificationQuery.forAlert("a2").matches(n)).isFalse();
        assertThat(new NotificationQuery(null, "rule_1", "email", NotificationStatus.PENDING, T, T.plusSeconds(1), null)
                .matches(n)).isTrue();
        assertThat(new NotificationQuery(null, null, "sms", null, null, null, null).matches(n)).isFalse();
        assertThat(new NotificationQuery(null, null, null, NotificationStatus.SENT, null, null, null).matches(n)).isFalse();
        assertThat(new NotificationQuery(null, null, null, null, null, T, null).matches(n)).isFalse();
    }
}
