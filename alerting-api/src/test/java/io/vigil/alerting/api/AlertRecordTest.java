package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class AlertRecordTest {

    private static final Instant T0 = Instant.parse("2026-02-03T12:30:00Z");
    private static final AlertRule RULE = AlertRule.named("cpu").id("rule_001")
            .when(Condition.last("cpu").atLeast(80)).severity(Severity.HIGH).build();

    private static AlertRecord active() {
        return AlertRecord.fired("alert_001", RULE, Labels.of("vm", "vm_001"), "cpu", 85.5, Threshold.of(80),
                "cpu >= 80", Map.of("cpu", 85.5), T0);
    }

    @Test
    void firedRecordsAreActiveAndCarryTheRule() {
        AlertRecord r = active();
        assertThat(r.status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(r.ruleId()).isEqualTo("rule_001");
        assertThat(r.ruleName()).isEqualTo("cpu");
        assertThat(r.severity()).isEqualTo(Severity.HIGH);
        assertThat(r.triggeredAt()).isEqualTo(T0);
        assertThat(r.createdAt()).isEqualTo(T0);
        assertThat(r.updatedAt()).isEqualTo(T0);
        assertThat(r.duration()).isNull();
        assertThat(r.escalationLevel()).isZero();
        assertThat(r.snapshot()).containsEntry("cpu", 85.5);
    }

    @Test
    void activeToAcknowledgedToResolved() {
        Instant ack = T0.plusSeconds(1800);
        Instant res = T0.plusSeconds(5400);
        AlertRecord acked = active().acknowledge("usr_002", "Ops", "peak load", ack);
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedAt()).isEqualTo(ack);
        assertThat(acked.acknowledgedBy()).isEqualTo("usr_002");
        assertThat(acked.acknowledgedByName()).isEqualTo("Ops");
        assertThat(acked.acknowledgeNote()).isEqualTo("peak load");
        assertThat(acked.updatedAt()).isEqualTo(ack);

        AlertRecord resolved = acked.resolve("usr_002", "Ops", "restarted", null, res);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(res);
        assertThat(resolved.resolution()).isEqualTo("restarted");
        assertThat(resolved.acknowledgeNote()).isEqualTo("peak load");
        assertThat(resolved.duration()).isEqualTo(Duration.ofSeconds(5400)); // seed 003's example: 5400
    }

    @Test
    void activeCanBeResolvedBySystemOrIgnoredDirectly() {
        AlertRecord auto = active().resolve(AlertRecord.SYSTEM, null, "recovered", 42.0, T0.plusSeconds(60));
        assertThat(auto.resolvedBy()).isEqualTo("system");
        assertThat(auto.resolveValue()).isEqualTo(42.0);
        AlertRecord ignored = active().ignore("usr_1", "U", "noise", T0.plusSeconds(5));
        assertThat(ignored.status()).isEqualTo(AlertStatus.IGNORED);
        assertThat(ignored.resolution()).isEqualTo("noise");
        assertThat(ignored.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(active().acknowledge("u", null, null, T0).ignore("u", null, null, T0).status())
                .isEqualTo(AlertStatus.IGNORED);
    }

    @Test
    void illegalTransitionsAreRejectedAndChangeNothing() {
        AlertRecord acked = active().acknowledge("u", null, null, T0.plusSeconds(1));
        AlertRecord resolved = acked.resolve("u", null, "done", null, T0.plusSeconds(2));
        AlertRecord ignored = active().ignore("u", null, null, T0.plusSeconds(3));
        AlertRecord resolvedCopy = resolved;

        assertIllegal(() -> acked.acknowledge("v", null, null, T0.plusSeconds(9)));
        for (AlertRecord closed : List.of(resolved, ignored)) {
            assertIllegal(() -> closed.acknowledge("v", null, null, T0.plusSeconds(9)));
            assertIllegal(() -> closed.resolve("v", null, null, null, T0.plusSeconds(9)));
            assertIllegal(() -> closed.ignore("v", null, null, T0.plusSeconds(9)));
            assertIllegal(() -> closed.escalatedTo(2, T0.plusSeconds(9)));
        }
        // records are immutable: a rejected change leaves the record exactly as it was
        assertThat(resolved).isSameAs(resolvedCopy);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("u");
    }

    private static void assertIllegal(org.assertj.core.api.ThrowableAssert.ThrowingCallable change) {
        Throwable t = catchThrowable(change);
        assertThat(t).isInstanceOf(AlertingException.class);
        assertThat(((AlertingException) t).code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
    }

    @Test
    void statusTransitionTable() {
        assertThat(AlertStatus.ACTIVE.canMoveTo(AlertStatus.ACKNOWLEDGED)).isTrue();
        assertThat(AlertStatus.ACTIVE.canMoveTo(AlertStatus.RESOLVED)).isTrue();
        assertThat(AlertStatus.ACTIVE.canMoveTo(AlertStatus.IGNORED)).isTrue();
        assertThat(AlertStatus.ACTIVE.canMoveTo(AlertStatus.ACTIVE)).isFalse();
        assertThat(AlertStatus.ACKNOWLEDGED.canMoveTo(AlertStatus.RESOLVED)).isTrue();
        assertThat(AlertStatus.ACKNOWLEDGED.canMoveTo(AlertStatus.IGNORED)).isTrue();
        assertThat(AlertStatus.ACKNOWLEDGED.canMoveTo(AlertStatus.ACTIVE)).isFalse();
        assertThat(AlertStatus.ACKNOWLEDGED.canMoveTo(AlertStatus.ACKNOWLEDGED)).isFalse();
        for (AlertStatus next : AlertStatus.values()) {
            assertThat(AlertStatus.RESOLVED.canMoveTo(next)).isFalse();
            assertThat(AlertStatus.IGNORED.canMoveTo(next)).isFalse();
        }
        assertThat(AlertStatus.ACTIVE.isOpen()).isTrue();
        assertThat(AlertStatus.ACKNOWLEDGED.isOpen()).isTrue();
        assertThat(AlertStatus.RESOLVED.isOpen()).isFalse();
        assertThat(AlertStatus.IGNORED.isOpen()).isFalse();
    }

    @Test
    void escalationOnlyRisesAndOnlyWhileOpen() {
        AlertRecord r = active().escalatedTo(2, T0.plusSeconds(60));
        assertThat(r.escalationLevel()).isEqualTo(2);
        assertThat(r.escalatedTo(1, T0.plusSeconds(120)).escalationLevel()).isEqualTo(2);
        assertThat(r.acknowledge("u", null, null, T0.plusSeconds(130)).escalatedTo(3, T0.plusSeconds(140))
                .escalationLevel()).isEqualTo(3);
    }

    @Test
    void notificationsAndVersionAreReplacedWithoutOtherChanges() {
        NotificationAttempt attempt = new NotificationAttempt("n1", "email", "a@example.com", NotificationStatus.SENT,
                T0.plusSeconds(5), null);
        AlertRecord r = active().withNotifications(List.of(attempt)).withVersion(3);
        assertThat(r.notifications()).containsExactly(attempt);
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.withNotifications(List.of()).withVersion(0)).isEqualTo(active());
    }

    @Test
    void requiredFieldsAreChecked() {
        assertThat(catchThrowable(() -> new AlertRecord(null, "r", "n", null, "m", Severity.LOW, null, null, null,
                AlertStatus.ACTIVE, T0, null, null, null, null, null, null, null, null, null, null, null, 0, null,
                null, 0))).isInstanceOf(NullPointerException.class);
        AlertRecord minimal = new AlertRecord("a", "r", "n", null, "m", Severity.LOW, null, null, null,
                AlertStatus.ACTIVE, T0, null, null, null, null, null, null, null, null, null, null, null, 0, null,
                null, 0);
        assertThat(minimal.labels()).isEqualTo(Labels.empty());
        assertThat(minimal.snapshot()).isEmpty();
        assertThat(minimal.notifications()).isEmpty();
        assertThat(minimal.createdAt()).isEqualTo(T0);
        assertThat(minimal.updatedAt()).isEqualTo(T0);
    }
}
