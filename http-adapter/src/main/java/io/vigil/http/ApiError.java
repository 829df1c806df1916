package io.vigil.http;

/**
 * The error kinds the API answers with. The first nine are seed 003's error code table, codes and
 * English messages exactly; the rest are HTTP's own answers to broken requests.
 */
enum ApiError {
    BAD_REQUEST(400, "400", "Bad Request", "INVALID_PARAMETER"),
    RULE_LIMIT(400, "400-LIMIT", "Rule Limit Exceeded", "RULE_LIMIT_EXCEEDED"),
    UNAUTHORIZED(401, "401", "Unauthorized", "UNAUTHORIZED"),
    FORBIDDEN(403, "403", "Forbidden", "FORBIDDEN"),
    NOT_FOUND(404, "404", "Not Found", "NOT_FOUND"),
    ALERT_NOT_FOUND(404, "404-ALERT", "Alert Not Found", "NOT_FOUND"),
    CONFLICT(409, "409", "Conflict", "CONFLICT"),
    INVALID(422, "422", "Invalid Condition", "INVALID_CONDITION"),
    SERVER_ERROR(500, "500", "Server Error", "INTERNAL_ERROR"),
    METHOD_NOT_ALLOWED(405, "405", "Method Not Allowed", "METHOD_NOT_ALLOWED"),
    NOT_ACCEPTABLE(406, "406", "Not Acceptable", "NOT_ACCEPTABLE"),
    PAYLOAD_TOO_LARGE(413, "413", "Payload Too Large", "PAYLOAD_TOO_LARGE"),
    UNSUPPORTED_MEDIA_TYPE(415, "415", "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE"),
    UNAVAILABLE(503, "503", "Service Unavailable", "SERVICE_UNAVAILABLE");

    private final int status;
    private final String code;
    private final String title;
    private final String kcloudCode;

    ApiError(int status, String code, String title, String kcloudCode) {
        this.status = status;
        this.code = code;
        this.title = title;
        this.kcloudCode = kcloudCode;
    }

    int status() {
        return status;
    }

    /** Seed 003's code: {@code 404-ALERT}, {@code 422}. */
    String code() {
        return code;
    }

    /** Seed 003's English message: {@code Alert Not Found}. */
    String title() {
        return title;
    }

    /** Seed 004's error code: {@code NOT_FOUND}, {@code INVALID_PARAMETER}. */
    String kcloudCode() {
        return kcloudCode;
    }

    /** Whether the seed code is a plain number (written as a JSON number, like the success codes). */
    boolean numericCode() {
        return code.chars().allMatch(Character::isDigit);
    }
}
