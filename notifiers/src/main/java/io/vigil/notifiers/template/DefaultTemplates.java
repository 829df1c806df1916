package io.vigil.notifiers.template;

import io.vigil.alerting.api.NotificationKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in wording. Ids are {@code default.<kind>} for every channel, and
 * {@code <channel>.<kind>} where a channel reads better with its own: chat channels show labels as
 * fields and keep the text short; SMS is one line. Registering a template under one of these ids
 * replaces the built-in.
 */
final class DefaultTemplates {
    private DefaultTemplates() {
    }

    static List<MessageTemplate> all() {
        List<MessageTemplate> t = new ArrayList<>();
        // ---- every channel (email, webhook, in-app, plugins) -------------------------------------------
        t.add(MessageTemplate.of(id("default", NotificationKind.FIRING),
                "[{severity_upper}] {rule} is firing",
                lines("{rule} fired at {triggered_at}.",
                        "{description}",
                        "",
                        "Metric: {metric} = {value}",
                        "Condition: {condition} (threshold {threshold})",
                        "Labels: {labels}",
                        "Alert: {record_id}",
                        "Link: {link}")));
        t.add(MessageTemplate.of(id("default", NotificationKind.RESOLVED),
                "[RESOLVED] {rule} recovered after {duration}",
                lines("{rule} recovered at {resolved_at}; it had been firing for {duration}.",
                        "",
                        "Recovery value: {metric} = {recovery_value}",
                        "Fired at {triggered_at} with {metric} = {value} (condition {condition}, threshold {threshold})",
                        "Labels: {labels}",
                        "Alert: {record_id}",
                        "Link: {link}")));
        t.add(MessageTemplate.of(id("default", NotificationKind.ESCALATION),
                "[ESCALATED L{escalation_level}] [{severity_upper}] {rule} is still firing",
                lines("{rule} has been firing for {age} (since {triggered_at}) and nobody has acknowledged it,",
                        "so it was escalated to level {escalation_level}.",
                        "{description}",
                        "",
                        "Metric: {metric} = {value}",
                        "Condition: {condition} (threshold {threshold})",
                        "Labels: {labels}",
                        "Alert: {record_id}",
                        "Link: {link}")));
        t.add(MessageTemplate.of(id("default", NotificationKind.REMINDER),
                "[REMINDER] [{severity_upper}] {rule} is still firing",
                lines("Reminder: {rule} has been firing for {age} (since {triggered_at}).",
                        "",
                        "Metric: {metric} = {value}",
                        "Condition: {condition} (threshold {threshold})",
                        "Labels: {labels}",
                        "Alert: {record_id}",
                        "Link: {link}")));
        t.add(MessageTemplate.of(id("default", NotificationKind.NO_DATA),
                "[NO DATA] [{severity_upper}] {rule}: {metric} has gone silent",
                lines("{rule}: no data has arrived for {metric} since before {triggered_at}.",
                        "The target may be down, or its collector may have stopped.",
                        "",
                        "Labels: {labels}",
                        "Alert: {record_id}",
                        "Link: {link}")));
        t.add(MessageTemplate.of(id("default", NotificationKind.TEST),
                "[TEST] Vigil test notification",
                lines("This is a test notification from Vigil, sent at {now} over {channel}.",
                        "If you can read it, the channel is configured correctly; no action is needed.")));
        t.add(MessageTemplate.of(id("default", NotificationKind.DIGEST),
                "[DIGEST] {count} notifications held during quiet hours",
                lines("Quiet hours ended at {now}. These {count} notifications were held and are delivered together:",
                        "",
                        "{items}")));

        // ---- chat: labels go into embed / block fields and the link onto the title, so the text stays short
        for (String chat : List.of("discord", "slack")) {
            t.add(MessageTemplate.of(id(chat, NotificationKind.FIRING), null,
                    lines("{description}",
                            "{metric} = {value} (condition {condition}, threshold {threshold})",
                            "Fired at {triggered_at}")));
            t.add(MessageTemplate.of(id(chat, NotificationKind.RESOLVED), null,
                    lines("Recovered at {resolved_at} after {duration}.",
                            "{metric} = {recovery_value} now (it fired at {value}, threshold {threshold})")));
            t.add(MessageTemplate.of(id(chat, NotificationKind.ESCALATION), null,
                    lines("Firing for {age} without acknowledgement: escalated to level {escalation_level}.",
                            "{metric} = {value} (condition {condition}, threshold {threshold})")));
            t.add(MessageTemplate.of(id(chat, NotificationKind.REMINDER), null,
                    lines("Still firing after {age} (since {triggered_at}).",
                            "{metric} = {value} (condition {condition}, threshold {threshold})")));
        }

        // ---- SMS: one short line -------------------------------------------------------------------------
        t.add(MessageTemplate.of(id("sms", NotificationKind.FIRING),
                "[{severity_upper}] {rule} firing: {metric}={value} ({condition}) {labels}"));
        t.add(MessageTemplate.of(id("sms", NotificationKind.RESOLVED),
                "[RESOLVED] {rule} after {duration}: {metric}={recovery_value} {labels}"));
        t.add(MessageTemplate.of(id("sms", NotificationKind.ESCALATION),
                "[ESCALATED L{escalation_level}] {rule} firing {age}: {metric}={value} {labels}"));
        t.add(MessageTemplate.of(id("sms", NotificationKind.REMINDER),
                "[REMINDER] {rule} firing {age}: {metric}={value} {labels}"));
        t.add(MessageTemplate.of(id("sms", NotificationKind.NO_DATA),
                "[NO DATA] {rule}: {metric} silent {labels}"));
        t.add(MessageTemplate.of(id("sms", NotificationKind.TEST),
                "[TEST] Vigil test SMS sent at {now}. No action needed."));
        t.add(MessageTemplate.of(id("sms", NotificationKind.DIGEST),
                "[DIGEST] {count} alerts held during quiet hours. Check the console."));
        return t;
    }

    static String id(String channel, NotificationKind kind) {
        return channel + "." + kind.wireName();
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }
}
