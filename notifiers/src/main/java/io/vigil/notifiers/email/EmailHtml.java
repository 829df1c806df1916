package io.vigil.notifiers.email;

import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.spi.Notification;
import io.vigil.notifiers.template.TextFormat;

/** The HTML page around a rendered HTML body: a coloured heading and the text, with inline styles only. */
final class EmailHtml {
    private EmailHtml() {
    }

    static String page(Notification n, String subject, String bodyHtml) {
        String color = color(n);
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + TextFormat.HTML.escape(subject)
                + "</title></head>\n<body style=\"font-family:sans-serif;font-size:14px;color:#222\">\n"
                + "<h2 style=\"border-left:6px solid " + color + ";padding-left:8px\">" + TextFormat.HTML.escape(subject)
                + "</h2>\n<div>" + bodyHtml + "</div>\n"
                + "<p style=\"color:#888;font-size:12px\">Sent by Vigil</p>\n</body></html>\n";
    }

    private static String color(Notification n) {
        if (n.kind() == NotificationKind.RESOLVED) {
            return "#2ecc71";
        }
        switch (n.message().severity()) {
            case CRITICAL: return "#e74c3c";
            case HIGH: return "#e67e22";
            case MEDIUM: return "#f1c40f";
            default: return "#3498db";
        }
    }
}
