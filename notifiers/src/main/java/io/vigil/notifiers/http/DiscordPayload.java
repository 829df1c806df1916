package io.vigil.notifiers.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.spi.Notification;
import io.vigil.notifiers.internal.Texts;
import io.vigil.notifiers.template.RenderedMessage;
import io.vigil.notifiers.template.TextFormat;
import io.vigil.notifiers.template.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * A Discord webhook body: the title as {@code content} (it is what push notifications show) and one
 * embed coloured by severity, with the text as description and the labels as inline fields.
 * Discord rejects a body over any of its limits, so every part is cut to fit.
 */
final class DiscordPayload {
    static final int CONTENT = 2000;
    static final int TITLE = 256;
    static final int DESCRIPTION = 4096;
    static final int FIELD_NAME = 256;
    static final int FIELD_VALUE = 1024;
    static final int FIELDS = 25;
    static final int FOOTER = 2048;
    /** Discord's limit for the characters of all embeds of a message together. */
    static final int EMBED_TOTAL = 6000;
    private static final TextFormat MD = TextFormat.DISCORD_MARKDOWN;

    private DiscordPayload() {
    }

    private record Field(String name, String value) {
    }

    static ObjectNode build(Notification n, RenderedMessage markdown, RenderedMessage plain, String username) {
        String title = Texts.truncate(Texts.singleLine(plain.title()), TITLE);
        String footer = Texts.truncate(n.message().recordId() == null ? "Vigil"
                : "Vigil \u00b7 alert " + Texts.singleLine(n.message().recordId()), FOOTER);
        List<Field> fields = labelFields(n.message().labels());
        int fixed = title.length() + footer.length();
        for (Field f : fields) {
            fixed += f.name().length() + f.value().length();
        }
        // Fields are the detail, the description the message: drop fields from the end before the
        // description falls under a readable size.
        while (!fields.isEmpty() && EMBED_TOTAL - fixed < Math.min(markdown.body().length(), 1000)) {
            Field last = fields.remove(fields.size() - 1);
            fixed -= last.name().length() + last.value().length();
        }
        String description = MD.truncate(markdown.body(), Math.min(DESCRIPTION, Math.max(0, EMBED_TOTAL - fixed)));

        ObjectNode root = HttpNotifier.JSON.createObjectNode();
        root.put("content", MD.truncate(Texts.singleLine(markdown.title()), CONTENT));
        if (username != null) {
            root.put("username", Texts.truncate(Texts.singleLine(username), 80));
        }
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", title);
        if (!description.isEmpty()) {
            embed.put("description", description);
        }
        String link = ChatStyle.link(n);
        if (link != null) {
            embed.put("url", link);
        }
        embed.put("color", ChatStyle.color(n));
        ArrayNode fieldArray = embed.putArray("fields");
        for (Field f : fields) {
            fieldArray.addObject().put("name", f.name()).put("value", f.value()).put("inline", true);
        }
        embed.put("timestamp", Values.instant(ChatStyle.when(n)));
        embed.putObject("footer").put("text", footer);
        // Label values and rule names come from outside; never let them ping @everyone or a role.
        root.putObject("allowed_mentions").putArray("parse");
        return root;
    }

    private static List<Field> labelFields(Labels labels) {
        List<Field> fields = new ArrayList<>();
        int shown = labels.size() <= FIELDS ? labels.size() : FIELDS - 1;
        for (int i = 0; i < shown; i++) {
            String value = labels.valueAt(i).isEmpty() ? "(empty)" : MD.escape(labels.valueAt(i));
            fields.add(new Field(Texts.truncate(Texts.singleLine(labels.nameAt(i)), FIELD_NAME),
                    MD.truncate(value, FIELD_VALUE)));
        }
        if (shown < labels.size()) {
            fields.add(new Field("\u2026", (labels.size() - shown) + " more labels"));
        }
        return fields;
    }
}
