package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Fans events out to listeners, isolating each listener's failures. */
final class Listeners {
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    void add(AlertListener listener) {
        listeners.add(listener);
    }

    void remove(AlertListener listener) {
        listeners.remove(listener);
    }

    long failures() {
        return failures.get();
    }

    void recordCreated(AlertRecord r) {
        each(l -> l.recordCreated(r));
    }

    void recordUpdated(AlertRecord r) {
        each(l -> l.recordUpdated(r));
    }

    void recordResolved(AlertRecord r) {
        each(l -> l.recordResolved(r));
    }

    void ruleChanged(RuleEvent e) {
        each(l -> l.ruleChanged(e));
    }

    private void each(Consumer<AlertListener> call) {
        for (AlertListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // A broken listener must not undo or block a stored change; it is counted instead.
                failures.incrementAndGet();
            }
        }
    }
}
