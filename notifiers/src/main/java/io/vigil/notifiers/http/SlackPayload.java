package io.vigil.notifiers.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.spi.Notification;
import io.vigil.notifiers.internal.Texts;
import io.vigil.notifiers.template.RenderedMessage;
import io.vigil.notifiers.template.TextFormat;
import io.vigil.notifiers.template.Values;

/**
 * A Slack incoming-webhook body: {@code text} as the notification fallback, and blocks: a header,
 * the text as a mrkdwn section, the labels as section fields and a context line. Cut to Slack's
 * block limits.
 */
final class SlackPayload {
    static final int TEXT = 3000;
    static final int HEADER = 150;
    static final int SECTION_TEXT = 3000;
    static final int FIELDS = 10;
    static final int FIELD_TEXT = 2000;
    static final int CONTEXT = 3000;
    private static final TextFormat MRKDWN = TextFormat.SLACK_MRKDWN;

    private SlackPayload() {
    }

    static ObjectNode build(Notification n, RenderedMessage mrkdwn, RenderedMessage plain) {
        ObjectNode root = HttpNotifier.JSON.createObjectNode();
        root.put("text", MRKDWN.truncate(Texts.singleLine(mrkdwn.title()), TEXT));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text")
                .put("text", Texts.truncate(ChatStyle.icon(n) + " " + Texts.singleLine(plain.title()), HEADER))
                .put("emoji", true);

        if (!mrkdwn.body().isBlank()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", MRKDWN.truncate(mrkdwn.body(), SECTION_TEXT));
        }

        Labels labels = n.message().labels();
        if (!labels.isEmpty()) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            int shown = labels.size() <= FIELDS ? labels.size() : FIELDS - 1;
            for (int i = 0; i < shown; i++) {
                String text = "*" + MRKDWN.escape(Texts.singleLine(labels.nameAt(i))) + "*\n"
                        + MRKDWN.escape(labels.valueAt(i));
                fields.addObject().put("type", "mrkdwn").put("text", MRKDWN.truncate(text, FIELD_TEXT));
            }
            if (shown < labels.size()) {
                fields.addObject().put("type", "mrkdwn").put("text", "\u2026and " + (labels.size() - shown) + " more labels");
            }
        }

        StringBuilder context = new StringBuilder();
        context.append("*").append(n.message().severity().wireName()).append("* \u00b7 ").append(n.kind().wireName())
                .append(" \u00b7 ").append(Values.instant(ChatStyle.when(n)));
        if (n.message().recordId() != null) {
            context.append(" \u00b7 alert ").append(MRKDWN.escape(Texts.singleLine(n.message().recordId())));
        }
        String link = ChatStyle.link(n);
        if (link != null && link.indexOf('|') < 0) {
            context.append(" \u00b7 <").append(link).append("|open>");
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", MRKDWN.truncate(context.toString(), CONTEXT));
        return root;
    }
}
