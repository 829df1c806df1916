package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Severity;

/** The rule fields both seed formats share, read the same way in both. */
final class SharedFields {
    private SharedFields() {
    }

    static void identity(DocObject o, AlertRule.Builder b, ReadContext ctx) {
        if (o.has("id")) {
            String id = o.text("id");
            AlertRule existing = ctx.existing();
            if (existing != null && existing.id() != null && id != null && !id.equals(existing.id())) {
                ctx.issues().add(ErrorCode.INVALID_FIELD, o.pathOf("id"),
                        "does not match the id of the rule being updated; ids cannot change");
            } else {
                b.id(id == null && existing != null ? existing.id() : id);
            }
        }
        if (o.has("name")) {
            b.name(o.text("name"));
        }
        if (o.has("description")) {
            b.description(o.text("description"));
        }
    }

    static void enabledAndSeverity(DocObject o, AlertRule.Builder b) {
        if (o.has("enabled")) {
            Boolean enabled = o.bool("enabled");
            b.enabled(enabled == null || enabled);
        }
        if (o.has("severity")) {
            Severity severity = Values.severity(o, "severity");
            b.severity(severity == null ? Severity.MEDIUM : severity);
        }
    }
}
