package io.vigil.alerting.runtime;

import io.vigil.alerting.api.Severity;

import java.time.Instant;
import java.util.Map;

/**
 * Alerts triggered in one time bucket (seed 003 trends).
 *
 * @param bucketStart start of the bucket (inclusive)
 * @param total       records triggered in the bucket
 * @param bySeverity  the same per severity, every severity present
 */
public record TrendPoint(Instant bucketStart, long total, Map<Severity, Long> bySeverity) {
    public TrendPoint {
        bySeverity = Map.copyOf(bySeverity);
    }

    /** Bucket sizes for trends. */
    public enum Bucket { HOUR, DAY }
}
