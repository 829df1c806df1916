package io.vigil.alerting.engine;

import io.vigil.alerting.api.FlapDetection;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers an instance's recent firing/resolved changes to tell when it flaps: more than
 * {@code maxChanges} changes within {@code window}. Only the last {@code maxChanges + 1} change
 * instants are kept, in a small ring.
 */
final class FlapTracker {
    private final long windowMillis;
    private final long stableMillis;
    private final long[] changes;
    private int count;
    private int next;

    boolean flapping;
    /** When flapping began. */
    long since = Instance.NONE;
    long lastChange = Instance.NONE;

    FlapTracker(FlapDetection settings) {
        this.windowMillis = settings.window().toMillis();
        this.stableMillis = settings.stableFor().toMillis();
        this.changes = new long[settings.maxChanges() + 1];
    }

    /** Notes a change at {@code t}; true when it starts a flapping period. */
    boolean recordChange(long t) {
        lastChange = t;
        if (flapping) {
            return false;
        }
        changes[next] = t;
        next = (next + 1) % changes.length;
        count = Math.min(count + 1, changes.length);
        // With the ring full, changes[next] is the oldest of the last maxChanges + 1 changes.
        if (count == changes.length && changes[next] > t - windowMillis) {
            flapping = true;
            since = t;
            return true;
        }
        return false;
    }

    long stableAt() {
        return lastChange + stableMillis;
    }

    void endFlapping() {
        flapping = false;
        since = Instance.NONE;
        count = 0;
        next = 0;
    }

    /** The transitions a flapping instance holds back. */
    static boolean suppressible(AlertTransition.Kind kind) {
        switch (kind) {
            case PENDING: case CANCELLED: case FIRING: case RESOLVED: case ESCALATED: case REMINDER:
                return true;
            default:
                return false;
        }
    }

    List<Long> recentChanges() {
        List<Long> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(changes[(next - count + i + changes.length) % changes.length]);
        }
        return list;
    }

    void restore(boolean isFlapping, long flappingSince, long last, List<Long> recent) {
        endFlapping();
        for (int k = Math.max(0, recent.size() - changes.length); k < recent.size(); k++) {
            changes[next] = recent.get(k);
            next = (next + 1) % changes.length;
            count++;
        }
        flapping = isFlapping;
        since = flappingSince;
        lastChange = last;
    }
}
