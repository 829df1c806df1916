package io.vigil.alerting.runtime;

import io.vigil.collectors.CollectorHealth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How one collector is doing.
 *
 * @param name                the collector's name
 * @param available           false when the collector could not be created here
 * @param unavailableReason   why not, or {@code null}
 * @param interval            configured interval
 * @param lastSuccessAt       end of the last successful collection, or {@code null}
 * @param lastFailureAt       end of the last failed collection, or {@code null}
 * @param lastError           the last failure's message, or {@code null}
 * @param lastDuration        how long the last finished collection took, or {@code null}
 * @param consecutiveFailures failures since the last success (drives the backoff)
 * @param runs                collections started
 * @param failures            collections that failed or timed out
 * @param nextRunAt           when the next collection is due
 * @param problems            the collector's own health record (per field or target)
 */
public record CollectorStatus(String name, boolean available, String unavailableReason, Duration interval,
                              Instant lastSuccessAt, Instant lastFailureAt, String lastError, Duration lastDuration,
                              int consecutiveFailures, long runs, long failures, Instant nextRunAt,
                              Map<String, CollectorHealth.Problem> problems) {
    public CollectorStatus {
        problems = Map.copyOf(problems);
    }

    /** Whether the collector runs and its last collection succeeded. */
    public boolean healthy() {
        return available && consecutiveFailures == 0;
    }
}
