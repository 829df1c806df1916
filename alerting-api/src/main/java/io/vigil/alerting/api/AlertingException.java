package io.vigil.alerting.api;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type Vigil throws for problems a caller caused. It carries a stable
 * {@link ErrorCode} and, for validation failures, every problem found at once.
 */
public final class AlertingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<ValidationError> errors;

    public AlertingException(ErrorCode code, String message) {
        this(code, message, List.of(new ValidationError(code, "", message)));
    }

    private AlertingException(ErrorCode code, String message, List<ValidationError> errors) {
        super(message, null, false, false); // no stack trace: these are expected, user-caused failures
        this.code = Objects.requireNonNull(code, "code");
        this.errors = List.copyOf(errors);
    }

    /** A validation failure listing every problem; the code is that of the first problem. */
    public static AlertingException invalid(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        StringBuilder message = new StringBuilder(errors.size() == 1 ? "1 problem: " : errors.size() + " problems: ");
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) {
                message.append("; ");
            }
            message.append(errors.get(i));
        }
        return new AlertingException(errors.get(0).code(), message.toString(), errors);
    }

    public static AlertingException ruleNotFound(String idOrName) {
        return new AlertingException(ErrorCode.RULE_NOT_FOUND, "no alert rule '" + idOrName + "'");
    }

    public static AlertingException alertNotFound(String id) {
        return new AlertingException(ErrorCode.ALERT_NOT_FOUND, "no alert record '" + id + "'");
    }

    public ErrorCode code() {
        return code;
    }

    /** Every problem found; at least one. */
    public List<ValidationError> errors() {
        return errors;
    }
}
