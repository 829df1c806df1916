package io.vigil.notifiers;

import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.spi.DeliveryResult;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to try a failed notification again. Retry {@code n} (counting from 0) waits
 * {@code retryInterval * 2^n}, plus up to 20% random jitter so that many notifications failing
 * together (a channel outage) do not retry in lockstep, and at least as long as the peer asked
 * ({@code Retry-After}). It gives up after {@code maxRetry} retries, or when the next attempt would
 * come later than {@code maxRetryTime} after the notification was created.
 */
final class RetrySchedule {
    static final double JITTER = 0.2;
    private static final Duration LONGEST_STEP = Duration.ofDays(1);

    private final RandomGenerator random;

    RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /** The next attempt's time, or a reason to stop. */
    record Decision(Instant nextAttempt, String giveUpReason) {
        boolean retry() {
            return nextAttempt != null;
        }
    }

    Decision next(NotificationRecord r, DeliveryResult result, Instant now, DeliveryPolicy policy, int maxRetry) {
        if (r.retryCount() >= maxRetry) {
            return new Decision(null, maxRetry == 0 ? "no retries allowed" : "gave up after " + maxRetry + " retries");
        }
        Duration delay = backoff(policy.retryInterval(), r.retryCount());
        if (result.retryAfter() != null && result.retryAfter().compareTo(delay) > 0) {
            delay = result.retryAfter();
        }
        Instant next = now.plus(delay);
        Instant deadline = r.createdAt().plus(policy.maxRetryTime());
        if (next.isAfter(deadline)) {
            return new Decision(null, "gave up after " + r.retryCount() + " retries: the next attempt (in "
                    + delay.toSeconds() + "s) would pass the retry time limit of " + policy.maxRetryTime().toSeconds() + "s");
        }
        return new Decision(next, null);
    }

    /** The jittered delay before retry {@code n}. */
    Duration backoff(Duration interval, int n) {
        Duration base = interval;
        for (int i = 0; i < n && base.compareTo(LONGEST_STEP) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(LONGEST_STEP) > 0) {
            base = LONGEST_STEP;
        }
        long jitterMillis = (long) (base.toMillis() * JITTER * random.nextDouble());
        return base.plusMillis(jitterMillis);
    }
}
