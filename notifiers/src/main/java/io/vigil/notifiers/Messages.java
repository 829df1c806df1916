package io.vigil.notifiers;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.notifiers.template.Values;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@link AlertMessage}s the dispatcher makes itself: tests, digests, and messages rebuilt after a restart. */
final class Messages {
    static final String TEST_RULE = "Vigil test notification";
    static final String DIGEST_RULE = "Quiet hours digest";
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-]{3,24}");

    private Messages() {
    }

    static AlertMessage test(Instant now) {
        return new AlertMessage(null, null, TEST_RULE, "A test sent on request to check a channel's configuration.",
                Severity.LOW, null, null, null, null, Labels.empty(), now, null, null, 0, null, Map.of());
    }

    /** One digest for the held notifications {@code held} (oldest first). */
    static AlertMessage digest(List<NotificationRecord> held, Severity severity, Instant windowEnd) {
        StringBuilder items = new StringBuilder();
        for (NotificationRecord r : held) {
            if (items.length() > 0) {
                items.append('\n');
            }
            items.append("- ").append(Values.instant(r.createdAt())).append("  ")
                    .append(r.subject() == null ? r.kind().wireName() : r.subject());
        }
        return new AlertMessage(null, null, DIGEST_RULE, null, severity, null, null, null, null, Labels.empty(),
                held.get(0).createdAt(), null, null, 0, null,
                Map.of("count", Integer.toString(held.size()), "items", items.toString(),
                        "window_end", Values.instant(windowEnd),
                        "notification_ids", String.join(",", held.stream().map(NotificationRecord::id).toList())));
    }

    /**
     * A digest rebuilt from its record after a restart: the item lines are read back from its
     * content, the members from the store.
     */
    static AlertMessage digestFromRecord(NotificationRecord r, List<String> memberIds) {
        StringBuilder items = new StringBuilder();
        int count = 0;
        for (String line : r.content().split("\n")) {
            if (line.startsWith("- ")) {
                items.append(items.length() > 0 ? "\n" : "").append(line);
                count++;
            }
        }
        return new AlertMessage(null, null, DIGEST_RULE, null, Severity.MEDIUM, null, null, null, null, Labels.empty(),
                r.createdAt(), null, null, 0, null, Map.of("count", Integer.toString(count), "items", items.toString(),
                "notification_ids", String.join(",", memberIds)));
    }

    /** The facts of a stored alert record, for a notification whose original message was lost in a restart. */
    static AlertMessage fromRecord(AlertRecord a, String description) {
        return new AlertMessage(a.id(), a.ruleId(), a.ruleName(), description, a.severity(), a.metric(),
                a.triggerValue(), a.threshold() == null ? null : a.threshold().display(), a.condition(), a.labels(),
                a.triggeredAt(), a.resolvedAt(), a.resolveValue(), a.escalationLevel(), null, Map.of());
    }

    /** Last resort when neither message nor alert record survive: say what the record says. */
    static AlertMessage fromNotificationRecord(NotificationRecord r) {
        return new AlertMessage(r.alertId(), r.ruleId(), r.subject() == null ? "Vigil notification" : r.subject(),
                r.content(), Severity.MEDIUM, null, null, null, null, Labels.empty(), r.createdAt(), null, null, 0,
                null, Map.of());
    }

    /**
     * Whether an escalation recipient belongs on {@code channel}: addresses on email, phone numbers
     * on SMS, anything on in-app and on plugin channels; fixed-target channels take none.
     */
    static boolean fits(String channel, String recipient) {
        switch (channel) {
            case Channels.EMAIL: return recipient.contains("@");
            case Channels.SMS: return PHONE.matcher(recipient.trim()).matches();
            case Channels.WEBHOOK: case Channels.DISCORD: case Channels.SLACK: return false;
            default: return true;
        }
    }
}
