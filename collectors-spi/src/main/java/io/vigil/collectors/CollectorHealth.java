package io.vigil.collectors;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A collector's own account of what is wrong, per component (a field, a target, a parser):
 * problems are reported and cleared as they come and go, and counted. Thread-safe.
 */
public final class CollectorHealth {

    /**
     * One ongoing problem.
     *
     * @param message   the latest message
     * @param count     how many times it was reported since it was last cleared
     * @param firstSeen when it was first reported
     * @param lastSeen  when it was last reported
     */
    public record Problem(String message, long count, Instant firstSeen, Instant lastSeen) {
    }

    private final Clock clock;
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();

    public CollectorHealth(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records a problem with {@code component} (e.g. {@code gpu0.fan_speed} or {@code target node1}). */
    public void problem(String component, String message) {
        Instant now = clock.instant();
        problems.merge(component, new Problem(message, 1, now, now),
                (old, fresh) -> new Problem(message, old.count() + 1, old.firstSeen(), now));
    }

    /** Says {@code component} works again. */
    public void clear(String component) {
        problems.remove(component);
    }

    /** Whether no problem is recorded. */
    public boolean isHealthy() {
        return problems.isEmpty();
    }

    /** The current problems, by component name. */
    public Map<String, Problem> problems() {
        return Map.copyOf(new TreeMap<>(problems));
    }
}
