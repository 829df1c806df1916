package io.vigil.notifiers.http;

import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.Notification;
import okhttp3.HttpUrl;

import java.time.Instant;
/** Colours, icons and links shared by the chat channels. */
final class ChatStyle {
    static final int GREEN = 0x2ECC71;
    static final int GREY = 0x95A5A6;

    private ChatStyle() {
    }

    /** Embed colour: green when resolved, grey for tests, otherwise by severity (blue, yellow, orange, red). */
    static int color(Notification n) {
        if (n.kind() == NotificationKind.RESOLVED) {
            return GREEN;
        }
        if (n.kind() == NotificationKind.TEST) {
            return GREY;
        }
        return color(n.message().severity());
    }

    static int color(Severity s) {
        switch (s) {
            case CRITICAL: return 0xE74C3C;
            case HIGH: return 0xE67E22;
            case MEDIUM: return 0xF1C40F;
            default: return 0x3498DB;
        }
    }

    /** Slack emoji code in front of the header. */
    static String icon(Notification n) {
        if (n.kind() == NotificationKind.RESOLVED) {
            return ":white_check_mark:";
        }
        if (n.kind() == NotificationKind.TEST) {
            return ":wrench:";
        }
        switch (n.message().severity()) {
            case CRITICAL: return ":rotating_light:";
            case HIGH: return ":red_circle:";
            case MEDIUM: return ":large_orange_circle:";
            default: return ":large_blue_circle:";
        }
    }

    /** The alert's link if it is a plain http(s) URL the chat service will accept, else null. */
    static String link(Notification n) {
        String link = n.message().link();
        if (link == null) {
            return null;
        }
        HttpUrl url = HttpUrl.parse(link.trim());
        return url == null ? null : url.toString();
    }

    /** The time the message is about: recovery for resolved messages, otherwise the trigger time. */
    static Instant when(Notification n) {
        return n.kind() == NotificationKind.RESOLVED && n.message().resolvedAt() != null
                ? n.message().resolvedAt() : n.message().triggeredAt();
    }
}
