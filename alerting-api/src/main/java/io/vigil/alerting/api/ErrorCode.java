package io.vigil.alerting.api;

/**
 * Stable codes for every error a user of Vigil can cause. The names never change once released;
 * adapters map them to their own status codes (the HTTP adapter to the seeds' 400/404/409/422).
 */
public enum ErrorCode {
    /** A required field is absent or blank. */
    MISSING_FIELD,
    /** A field has a value outside its allowed range or format. */
    INVALID_FIELD,
    /** A condition cannot be evaluated as written (unknown operator, bad aggregation, ...). */
    INVALID_CONDITION,
    /** A threshold does not fit its operator (a range for {@code >}, a string for {@code between}, NaN, ...). */
    INVALID_THRESHOLD,
    /** A duration is negative or not representable. */
    INVALID_DURATION,
    /** A request document could not be read at all (malformed JSON or YAML). */
    MALFORMED_DOCUMENT,
    /** Too many rules for one scope object or in all. */
    RULE_LIMIT_EXCEEDED,
    /** Another rule already has this name. */
    RULE_NAME_CONFLICT,
    /** No rule has this id or name. */
    RULE_NOT_FOUND,
    /** No alert record has this id. */
    ALERT_NOT_FOUND,
    /** No notification record, channel or template has this id. */
    NOTIFICATION_NOT_FOUND,
    /** The alert record's status does not allow the requested change. */
    ILLEGAL_TRANSITION,
    /** Someone else changed the object since it was read (optimistic concurrency). */
    VERSION_CONFLICT,
    /** A notification channel is unknown or not configured. */
    UNKNOWN_CHANNEL
}
