package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Secret;

import java.util.List;
import java.util.Objects;

/**
 * Reads alert rules from JSON or YAML and writes them back.
 *
 * <p>Reading accepts both seed formats, detected per rule: seed 000's snake_case rule
 * ({@code condition}, {@code threshold.duration_minutes}, {@code channels}, {@code cooldown_minutes},
 * {@code tags}, ...) and seed 003's camelCase rule ({@code conditions[]}, {@code conditionLogic},
 * {@code cooldown} in seconds, {@code notifications}), which Vigil's canonical format extends.
 * Writing always produces the canonical format, which reads back to an equal rule.
 *
 * <p>Every problem with a document is reported at once in one {@link AlertingException}: each
 * {@link io.vigil.alerting.api.ValidationError} has a stable code and the path of the field in the
 * document ({@code conditions[1].threshold}, {@code rules[3].notifications.webhook.url}).
 * Unreadable documents give {@link ErrorCode#MALFORMED_DOCUMENT}; unknown fields are errors, not
 * silently ignored. No other exception escapes a read.
 *
 * <p>Credentials (signing secrets, credential-like header values, Discord and Slack webhook URL
 * tokens) are written as {@value Secret#REDACTED} unless {@link Redaction#REVEAL} is asked for.
 * Reading such a placeholder back is an error for a new rule; in {@link #readUpdate} it keeps the
 * credential the rule already has (and is an error where it has none).
 *
 * <p>Instances are immutable and thread-safe; one can serve a whole application.
 */
public final class RuleCodec {
    /** Documents longer than this many characters (or bytes) are refused unread. */
    public static final int MAX_DOCUMENT_SIZE = Documents.MAX_DOCUMENT_CHARS;

    private final Documents documents = new Documents();

    /** Reads one rule from a JSON or YAML document (the format is detected). */
    public AlertRule readRule(String document) {
        return RuleReading.readOne(documents.parse(document, Format.detect(document)), null);
    }

    /** Reads one rule from a UTF-8 (or BOM-marked UTF-16/32) JSON or YAML document. */
    public AlertRule readRule(byte[] document) {
        return RuleReading.readOne(documents.parse(document, Format.detect(document)), null);
    }

    /**
     * Reads every rule of a document: a list of rules, {@code {"rules": [...]}} (seed 003's export),
     * or a single rule. Problems carry the rule's index ({@code rules[2].severity}); names must be
     * unique within the document, and ids where given.
     */
    public List<AlertRule> readRules(String document) {
        return RuleReading.readMany(documents.parse(document, Format.detect(document)));
    }

    /** Like {@link #readRules(String)}, from UTF-8 bytes. */
    public List<AlertRule> readRules(byte[] document) {
        return RuleReading.readMany(documents.parse(document, Format.detect(document)));
    }

    /**
     * Applies a (possibly partial) document to an existing rule, as seed 000's {@code PUT} does:
     * every field the document has replaces that field, {@code null} resets it to its default, and
     * absent fields keep their values. Objects ({@code notifications}, {@code scope}) are replaced
     * whole; seed 000's {@code threshold} and {@code condition} change the rule's single condition
     * field by field. A redaction placeholder keeps the existing credential. The id cannot change.
     */
    public AlertRule readUpdate(String document, AlertRule existing) {
        Objects.requireNonNull(existing, "existing");
        return RuleReading.readOne(documents.parse(document, Format.detect(document)), existing);
    }

    /** Writes a rule in the canonical format with its secrets redacted. */
    public String write(AlertRule rule, Format format) {
        return write(rule, format, Redaction.REDACT);
    }

    /** Writes a rule in the canonical format. */
    public String write(AlertRule rule, Format format, Redaction redaction) {
        Objects.requireNonNull(rule, "rule");
        return documents.print(RuleWriter.rule(rule, Objects.requireNonNull(redaction, "redaction")),
                Objects.requireNonNull(format, "format"));
    }

    /** Writes rules as {@code {"rules": [...]}}, the shape seed 003's export uses and {@link #readRules} reads. */
    public String writeAll(List<AlertRule> rules, Format format, Redaction redaction) {
        Objects.requireNonNull(rules, "rules");
        return documents.print(RuleWriter.rules(rules, Objects.requireNonNull(redaction, "redaction")),
                Objects.requireNonNull(format, "format"));
    }
}
