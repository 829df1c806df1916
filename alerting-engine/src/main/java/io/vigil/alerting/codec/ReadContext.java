package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Secret;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What one rule is read against: where problems go and, for an update, the rule being changed
 * (whose fields the document's absent fields keep, and whose secrets a redacted placeholder keeps).
 */
final class ReadContext {
    private final Issues issues;
    private final AlertRule existing;

    ReadContext(Issues issues, AlertRule existing) {
        this.issues = issues;
        this.existing = existing;
    }

    Issues issues() {
        return issues;
    }

    /** The rule being updated, or {@code null} when reading a new rule. */
    AlertRule existing() {
        return existing;
    }

    /** The secret a document gave: {@code null} for none or an empty string, else the text (placeholders included). */
    static Secret secret(String text) {
        return text == null || text.isEmpty() ? null : Secret.of(text);
    }

    /**
     * Channel settings read from a document with the redaction placeholders an export wrote
     * ({@link ChannelSettings#redacted}) replaced by the existing rule's values. A placeholder never
     * becomes a credential: one left without a stored value to keep (always, for a new rule) is an
     * error at {@code blockPath}'s field.
     */
    ChannelSettings restored(ChannelSettings read, String channel, DocObject block) {
        ChannelSettings settings = existing == null ? read
                : read.restoredFrom(existing.notifications().settingsFor(channel), channel);
        for (String field : settings.placeholders(channel)) {
            issues.add(ErrorCode.INVALID_FIELD, Paths.under(block.path(), field), "is the redacted placeholder '"
                    + Secret.REDACTED + "'; write the credential itself (only an update of a rule that has one keeps it)");
        }
        return settings;
    }

    /** Builds a model object, or reports its validation errors (translated to document paths) and returns {@code null}. */
    <T> T build(Supplier<T> constructor, UnaryOperator<String> toDocumentPath) {
        try {
            return constructor.get();
        } catch (AlertingException e) {
            issues.addModel(e, toDocumentPath);
            return null;
        }
    }
}
