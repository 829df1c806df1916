package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
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

    /**
     * The secret a document gave for {@code channel}: {@code null} for none or an empty string,
     * the existing rule's secret for the redacted placeholder, else the text itself. The
     * placeholder never becomes a secret: without a stored secret to keep it is an error.
     */
    Secret secret(String text, String channel, String path) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!text.equals(Secret.REDACTED)) {
            return Secret.of(text);
        }
        Secret kept = existing == null ? null : existing.notifications().settingsFor(channel).secret();
        if (kept == null || kept.reveal().equals(Secret.REDACTED)) {
            issues.add(ErrorCode.INVALID_FIELD, path, "is the redacted placeholder '" + Secret.REDACTED
                    + "'; write the secret itself (only an update of a rule that has one keeps it)");
            return null;
        }
        return kept;
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
