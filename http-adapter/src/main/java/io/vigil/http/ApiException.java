package io.vigil.http;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, with its kind, a message for people and, for validation failures,
 * every problem with its stable code and path. Thrown by handlers and turned into a response by
 * the dispatcher; carries no stack trace.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ApiError kind;
    private final transient List<ValidationError> errors;
    private final transient Map<String, String> headers;

    ApiException(ApiError kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    ApiException(ApiError kind, String detail, List<ValidationError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    ApiError kind() {
        return kind;
    }

    List<ValidationError> errors() {
        return errors;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(ApiError.BAD_REQUEST, detail);
    }

    /** A query or body parameter that is missing or malformed. */
    static ApiException badParameter(String name, String detail) {
        return new ApiException(ApiError.BAD_REQUEST, name + ": " + detail,
                List.of(new ValidationError(ErrorCode.INVALID_FIELD, name, detail)), Map.of());
    }

    static ApiException notFound(String detail) {
        return new ApiException(ApiError.NOT_FOUND, detail);
    }

    /**
     * The answer to a Vigil exception. In a rule document every validation problem makes the rule
     * invalid (422 with all of them); elsewhere a missing or malformed field is a bad request (400)
     * and only condition-like problems are 422.
     */
    static ApiException from(AlertingException e, boolean ruleDocument) {
        return new ApiException(kindOf(e, ruleDocument), e.getMessage(), e.errors(), Map.of());
    }

    private static ApiError kindOf(AlertingException e, boolean ruleDocument) {
        for (ValidationError error : e.errors()) {
            if (error.code() == ErrorCode.MALFORMED_DOCUMENT) {
                return ApiError.BAD_REQUEST;
            }
        }
        switch (e.code()) {
            case RULE_LIMIT_EXCEEDED: return ApiError.RULE_LIMIT;
            case RULE_NAME_CONFLICT: case ILLEGAL_TRANSITION: case VERSION_CONFLICT: return ApiError.CONFLICT;
            case RULE_NOT_FOUND: case NOTIFICATION_NOT_FOUND: return ApiError.NOT_FOUND;
            case ALERT_NOT_FOUND: return ApiError.ALERT_NOT_FOUND;
            case UNKNOWN_CHANNEL: return ApiError.BAD_REQUEST;
            case MISSING_FIELD: case INVALID_FIELD: return ruleDocument ? ApiError.INVALID : ApiError.BAD_REQUEST;
            default: return ApiError.INVALID;
        }
    }
}
