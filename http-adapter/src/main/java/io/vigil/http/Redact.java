package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Credentials that hide in channel settings besides the signing secret (which the codec already
 * redacts): header values such as {@code Authorization}, and Discord and Slack webhook URLs, whose
 * path is the token. Answers show {@value Secret#REDACTED} in their place; a document sent back
 * with the placeholder keeps the stored value.
 */
final class Redact {
    /** Chat webhooks carry their credential in the URL path. */
    static final Set<String> URL_IS_SECRET = Set.of("discord", "slack");
    private static final Pattern SECRET_HEADER =
            Pattern.compile("(?i).*(authorization|token|secret|key|cookie|password|signature|credential).*");
    /** Fields of a rule's notifications object that are not channel blocks. */
    private static final Set<String> NOT_CHANNELS = Set.of("methods", "escalation", "sendResolved", "fallbackChannel",
            "reminderInterval", "templates", "channelSettings");

    private Redact() {
    }

    static boolean secretHeader(String name) {
        return SECRET_HEADER.matcher(name).matches();
    }

    /** {@code https://discord.com/******} for chat webhooks; other URLs as they are. */
    static String url(String url, String channel) {
        if (url == null || !URL_IS_SECRET.contains(channel)) {
            return url;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + Secret.REDACTED;
        } catch (URISyntaxException e) {
            return Secret.REDACTED;
        }
    }

    /** Redacts the channel blocks of a rule in the canonical JSON format, in place. */
    static ObjectNode rule(ObjectNode rule) {
        forEachBlock(rule, (channel, block) -> {
            JsonNode url = block.get("url");
            if (url != null && url.isTextual()) {
                block.put("url", url(url.textValue(), channel));
            }
            JsonNode headers = block.get("headers");
            if (headers != null && headers.isObject()) {
                ObjectNode h = (ObjectNode) headers;
                for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (secretHeader(name)) {
                        h.put(name, Secret.REDACTED);
                    }
                }
            }
        });
        return rule;
    }

    /** Puts the stored values back where a rule document holds placeholders. */
    static void restore(ObjectNode document, AlertRule existing) {
        Map<String, ChannelSettings> stored = existing.notifications().settings();
        forEachBlock(document, (channel, block) -> {
            ChannelSettings s = stored.get(channel);
            if (s == null) {
                return;
            }
            JsonNode url = block.get("url");
            if (url != null && url.isTextual() && s.url() != null && url.textValue().equals(url(s.url(), channel))) {
                block.put("url", s.url());
            }
            JsonNode headers = block.get("headers");
            if (headers != null && headers.isObject()) {
                ObjectNode h = (ObjectNode) headers;
                for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (Secret.REDACTED.equals(e.getValue().asText(null)) && s.headers().containsKey(e.getKey())) {
                        e.setValue(Json.NODES.textNode(s.headers().get(e.getKey())));
                    }
                }
            }
        });
    }

    private interface BlockVisitor {
        void visit(String channel, ObjectNode block);
    }

    private static void forEachBlock(ObjectNode rule, BlockVisitor visitor) {
        JsonNode n = rule.get("notifications");
        if (n == null || !n.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!NOT_CHANNELS.contains(e.getKey()) && e.getValue().isObject()) {
                visitor.visit(e.getKey(), (ObjectNode) e.getValue());
            }
        }
        JsonNode plugins = n.get("channelSettings");
        if (plugins != null && plugins.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = plugins.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    visitor.visit(e.getKey(), (ObjectNode) e.getValue());
                }
            }
        }
    }
}
