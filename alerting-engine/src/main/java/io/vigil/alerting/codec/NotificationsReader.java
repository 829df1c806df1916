package io.vigil.alerting.codec;

import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Secret;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads seed 003's {@code notifications} object (and its canonical extensions) into a
 * {@link NotificationPolicy}. Built-in channels have their block directly under
 * {@code notifications} as in seed 003; plugin channels have theirs under {@code channelSettings}.
 */
final class NotificationsReader {
    /** Built-in channels in the order blocks are written. */
    static final List<String> BUILT_IN_ORDER = List.of(Channels.EMAIL, Channels.SMS, Channels.WEBHOOK, Channels.IN_APP,
            Channels.DISCORD, Channels.SLACK);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Pattern CHANNELS_SEGMENT = Pattern.compile("(^|\\.)channels(?=\\[|\\.|$)");

    private NotificationsReader() {
    }

    /** Seed 003 names a channel's recipients by what they are. */
    static String recipientsKey(String channel) {
        if (channel.equals(Channels.SMS)) {
            return "phoneNumbers";
        }
        if (channel.equals(Channels.IN_APP)) {
            return "users";
        }
        return "recipients";
    }

    static NotificationPolicy read(DocObject n, ReadContext ctx) {
        if (n == null) {
            return NotificationPolicy.none();
        }
        NotificationPolicy.Builder pb = NotificationPolicy.builder();
        List<String> methods = n.texts("methods");
        pb.channels(methods == null ? List.of() : methods);
        for (String channel : BUILT_IN_ORDER) {
            DocObject block = n.object(channel);
            if (block != null) {
                ChannelSettings settings = channel(block, channel, ctx);
                if (settings != null) {
                    pb.settings(channel, settings);
                }
            }
        }
        DocObject plugins = n.object("channelSettings");
        if (plugins != null) {
            for (String channel : plugins.fieldNames()) {
                if (Channels.BUILT_IN.contains(channel)) {
                    ctx.issues().add(ErrorCode.INVALID_FIELD, plugins.pathOf(channel),
                            "write the built-in channel '" + channel + "' directly under notifications");
                    continue;
                }
                DocObject block = plugins.object(channel);
                ChannelSettings settings = block == null ? null : channel(block, channel, ctx);
                if (settings != null) {
                    pb.settings(channel, settings);
                }
            }
        }
        if (n.has("escalation")) {
            escalation(n.object("escalation"), pb, ctx);
        }
        Boolean sendResolved = n.bool("sendResolved");
        pb.sendResolved(sendResolved == null || sendResolved);
        pb.fallbackChannel(n.text("fallbackChannel"));
        pb.remindEvery(n.duration("reminderInterval"));
        Map<String, String> templates = n.textMap("templates");
        if (templates != null) {
            templates.forEach(pb::template);
        }
        n.rejectUnknown("channels other than " + String.join(", ", BUILT_IN_ORDER) + " go under 'channelSettings'");
        return ctx.build(pb::build, p -> Paths.under(n.path(), policyPathToDocument(p)));
    }

    /** The model calls seed 003's {@code methods} "channels" and keeps plugin blocks in {@code settings}. */
    private static String policyPathToDocument(String modelPath) {
        if (modelPath.equals("settings")) {
            return "channelSettings";
        }
        Matcher m = CHANNELS_SEGMENT.matcher(modelPath);
        return m.replaceAll("$1methods");
    }

    private static void escalation(DocObject e, NotificationPolicy.Builder pb, ReadContext ctx) {
        if (e == null) {
            pb.escalation(List.of()).escalationEnabled(false);
            return;
        }
        Boolean enabled = e.bool("enabled");
        List<DocObject> levels = e.objects("levels");
        e.rejectUnknown(null);
        List<EscalationLevel> read = new ArrayList<>();
        boolean allRead = true;
        if (levels != null) {
            for (DocObject l : levels) {
                Duration delay = l.duration("delay", MINUTE, "minutes");
                List<String> methods = l.texts("methods");
                List<String> recipients = l.texts("recipients");
                l.rejectUnknown(null);
                EscalationLevel level = ctx.build(() -> new EscalationLevel(delay, methods, recipients),
                        p -> Paths.under(l.path(), p));
                if (level == null) {
                    allRead = false;
                } else {
                    read.add(level);
                }
            }
        }
        // with a level missing, the policy's "delays must increase" check would compare the wrong levels
        pb.escalation(allRead ? read : List.of());
        pb.escalationEnabled(enabled == null || enabled);
    }

    private static ChannelSettings channel(DocObject block, String channel, ReadContext ctx) {
        String recipientsKey = recipientsKey(channel);
        Boolean enabled = block.bool("enabled");
        List<String> recipients = block.texts(recipientsKey);
        List<String> cc = block.texts("cc");
        String template = block.text("template");
        Boolean sendResolved = block.bool("sendResolved");
        String url = block.text("url");
        String method = block.text("method");
        Map<String, String> headers = block.textMap("headers");
        Secret secret = ReadContext.secret(block.text("secret"));
        block.rejectUnknown(recipientsKey.equals("recipients") ? null
                : channel + " lists its recipients under '" + recipientsKey + "'");
        String httpMethod = method == null ? null : method.toUpperCase(Locale.ROOT);
        ChannelSettings read = ctx.build(() -> new ChannelSettings(enabled == null || enabled, recipients, cc, template,
                sendResolved, url, httpMethod, headers == null ? null : new LinkedHashMap<>(headers), secret),
                p -> Paths.under(block.path(), p));
        return read == null ? null : ctx.restored(read, channel, block);
    }
}
