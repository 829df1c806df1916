package io.vigil.alerting.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects validation problems so that a caller learns all of them at once. */
final class Problems {
    private final List<ValidationError> errors = new ArrayList<>();

    void add(ErrorCode code, String path, String message) {
        errors.add(new ValidationError(code, path, message));
    }

    void addAll(List<ValidationError> nested, String prefix) {
        for (ValidationError e : nested) {
            errors.add(e.under(prefix));
        }
    }

    void requireText(String value, String path) {
        if (value == null || value.isBlank()) {
            add(ErrorCode.MISSING_FIELD, path, "must not be empty");
        }
    }

    void requireNonNegative(Duration d, String path) {
        if (d != null && d.isNegative()) {
            add(ErrorCode.INVALID_DURATION, path, "must not be negative, was " + d);
        } else {
            requireNotTooLong(d, path);
        }
    }

    /** Requires a present, positive duration no longer than {@link AlertRule#MAX_DURATION}. */
    void requirePositive(Duration d, String path) {
        if (d == null || d.isNegative() || d.isZero()) {
            add(ErrorCode.INVALID_DURATION, path, "must be positive, was " + d);
        } else {
            requireNotTooLong(d, path);
        }
    }

    private void requireNotTooLong(Duration d, String path) {
        if (d != null && d.compareTo(AlertRule.MAX_DURATION) > 0) {
            add(ErrorCode.INVALID_DURATION, path, "must be at most " + AlertRule.MAX_DURATION.toDays() + " days, was " + d);
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<ValidationError> list() {
        return List.copyOf(errors);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw AlertingException.invalid(errors);
        }
    }
}
