package io.vigil.notifiers;

import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.Notification;

import java.time.Instant;
import java.util.Map;

/** Alert messages and notifications used across tests. */
public final class Fixtures {
    public static final Instant FIRED = Instant.parse("2026-02-03T12:30:00Z");

    private Fixtures() {
    }

    public static AlertMessage cpuHigh() {
        return new AlertMessage("alert_001", "rule_001", "CPU high", "CPU above 80% for 5 minutes", Severity.HIGH,
                "cpu.usagePercent", 85.5, "80", "cpu.usagePercent >= 80", Labels.of("host", "web-1", "env", "prod"),
                FIRED, null, null, 0, "https://vigil.example/alerts/alert_001", Map.of());
    }

    public static AlertMessage cpuResolved() {
        AlertMessage m = cpuHigh();
        return new AlertMessage(m.recordId(), m.ruleId(), m.ruleName(), m.description(), m.severity(), m.metric(),
                m.value(), m.threshold(), m.condition(), m.labels(), m.triggeredAt(),
                FIRED.plusSeconds(5400), 42.0, 0, m.link(), Map.of());
    }

    public static AlertMessage withSeverity(AlertMessage m, Severity severity) {
        return new AlertMessage(m.recordId(), m.ruleId(), m.ruleName(), m.description(), severity, m.metric(),
                m.value(), m.threshold(), m.condition(), m.labels(), m.triggeredAt(), m.resolvedAt(), m.resolveValue(),
                m.escalationLevel(), m.link(), m.extra());
    }

    public static AlertMessage named(String ruleName, Labels labels) {
        AlertMessage m = cpuHigh();
        return new AlertMessage(m.recordId(), m.ruleId(), ruleName, m.description(), m.severity(), m.metric(),
                m.value(), m.threshold(), m.condition(), labels, m.triggeredAt(), null, null, 0, m.link(), m.extra());
    }

    public static Notification notification(String channel, String recipient, ChannelSettings settings,
                                            NotificationKind kind, AlertMessage message) {
        return new Notification("n-1", kind, channel, recipient, settings, message, FIRED);
    }

    public static Notification firing(String channel, String recipient, ChannelSettings settings) {
        return notification(channel, recipient, settings, NotificationKind.FIRING, cpuHigh());
    }
}
