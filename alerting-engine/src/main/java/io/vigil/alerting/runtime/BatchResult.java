package io.vigil.alerting.runtime;

import io.vigil.alerting.api.ErrorCode;

import java.util.List;

/**
 * The outcome of a batch operation (seed 003 {@code {updated, failed}} and
 * {@code {acknowledged, failed}}), with the reason for each failure.
 *
 * @param succeeded ids changed
 * @param failures  ids not changed, with why
 */
public record BatchResult(List<String> succeeded, List<Failure> failures) {

    /** Why one id in a batch was not changed. */
    public record Failure(String id, ErrorCode code, String message) {
    }

    public BatchResult {
        succeeded = List.copyOf(succeeded);
        failures = List.copyOf(failures);
    }

    public int succeededCount() {
        return succeeded.size();
    }

    public int failedCount() {
        return failures.size();
    }
}
