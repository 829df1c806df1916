package io.vigil.alerting.runtime;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs collectors at their intervals. It is driven by {@link #runDue(Instant)} (called by the
 * runtime's ticker, or by tests with a manual clock): each due collector is started on the worker
 * pool, so one collector that hangs delays no other; one that runs past its timeout is interrupted
 * and counted as failed; repeated failures back off exponentially up to {@link #MAX_BACKOFF_FACTOR}
 * intervals.
 */
final class CollectionLoop implements AutoCloseable {
    static final int MAX_BACKOFF_FACTOR = 16;

    private final List<Entry> entries = new ArrayList<>();
    private final ExecutorService workers;
    private final Clock clock;
    private final Consumer<Sample> ingest;
    private final SelfMetrics metrics;

    CollectionLoop(ExecutorService workers, Clock clock, Consumer<Sample> ingest, SelfMetrics metrics) {
        this.workers = workers;
        this.clock = clock;
        this.ingest = ingest;
        this.metrics = metrics;
    }

    void add(MetricCollector collector, Duration interval, Duration timeout, CollectorHealth health, Labels extraLabels) {
        synchronized (entries) {
            entries.add(new Entry(collector, collector.name(), null, interval, timeout, health, extraLabels,
                    clock.instant()));
        }
    }

    void addUnavailable(String name, String reason) {
        synchronized (entries) {
            entries.add(new Entry(null, name, reason, Duration.ZERO, Duration.ZERO, new CollectorHealth(clock),
                    Labels.empty(), clock.instant()));
        }
    }

    /** Starts every collection that is due and times out those that ran too long. */
    void runDue(Instant now) {
        List<Entry> snapshot;
        synchronized (entries) {
            snapshot = new ArrayList<>(entries);
        }
        for (Entry e : snapshot) {
            e.step(now);
        }
    }

    /** Waits until no collection is running (those in flight finish or fail); for draining and tests. */
    void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Entry> snapshot;
        synchronized (entries) {
            snapshot = new ArrayList<>(entries);
        }
        for (Entry e : snapshot) {
            Future<?> f = e.inFlight();
            if (f == null) {
                continue;
            }
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException | TimeoutException ignored) {
                // Failures are recorded by the entry itself; a timeout leaves it to the next runDue.
            }
        }
    }

    List<CollectorStatus> status() {
        List<CollectorStatus> out = new ArrayList<>();
        synchronized (entries) {
            for (Entry e : entries) {
                out.add(e.status());
            }
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (entries) {
            for (Entry e : entries) {
                e.close();
            }
        }
    }

    /** One collector's schedule and counters; all state changes under the entry's monitor. */
    private final class Entry {
        private final MetricCollector collector;
        private final String name;
        private final String unavailableReason;
        private final Duration interval;
        private final Duration timeout;
        private final CollectorHealth health;
        private final Labels extraLabels;
        private Instant nextRunAt;
        private Future<?> inFlight;
        private Instant startedAt;
        private Instant lastSuccessAt;
        private Instant lastFailureAt;
        private String lastError;
        private Duration lastDuration;
        private int consecutiveFailures;
        private long runs;
        private long failures;
        private boolean closed;

        Entry(MetricCollector collector, String name, String unavailableReason, Duration interval, Duration timeout,
              CollectorHealth health, Labels extraLabels, Instant firstRun) {
            this.collector = collector;
            this.name = name;
            this.unavailableReason = unavailableReason;
            this.interval = interval;
            this.timeout = timeout;
            this.health = health;
            this.extraLabels = extraLabels;
            this.nextRunAt = firstRun;
        }

        synchronized Future<?> inFlight() {
            return inFlight;
        }

        synchronized void step(Instant now) {
            if (collector == null || closed) {
                return;
            }
            if (inFlight != null) {
                if (!inFlight.isDone() && !now.isBefore(startedAt.plus(timeout))) {
                    inFlight.cancel(true);
                    inFlight = null;
                    failed(now, "timed out after " + timeout.toMillis() + " ms");
                }
                return;
            }
            if (now.isBefore(nextRunAt)) {
                return;
            }
            runs++;
            startedAt = now;
            nextRunAt = now.plus(interval);
            Instant stamp = now;
            inFlight = workers.submit(() -> collect(stamp));
        }

        private void collect(Instant stamp) {
            long begin = System.nanoTime();
            try {
                collector.collect(new StampingSink(stamp));
                finished(null, Duration.ofNanos(System.nanoTime() - begin));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | LinkageError e) {
                finished(e.getClass().getSimpleName() + ": " + e.getMessage(), Duration.ofNanos(System.nanoTime() - begin));
            }
        }

        private synchronized void finished(String error, Duration took) {
            if (inFlight == null) {
                return; // already timed out and counted
            }
            inFlight = null;
            lastDuration = took;
            metrics.collectorLatency(name, took);
            Instant now = clock.instant();
            if (error == null) {
                lastSuccessAt = now;
                consecutiveFailures = 0;
            } else {
                failed(now, error);
            }
        }

        private void failed(Instant now, String error) {
            failures++;
            consecutiveFailures++;
            lastFailureAt = now;
            lastError = error;
            metrics.collectorFailure(name);
            long factor = Math.min(MAX_BACKOFF_FACTOR, 1L << Math.min(30, consecutiveFailures - 1));
            nextRunAt = startedAt.plus(interval.multipliedBy(factor));
        }

        synchronized CollectorStatus status() {
            Map<String, CollectorHealth.Problem> problems = health.problems();
            return new CollectorStatus(name, collector != null, unavailableReason, interval, lastSuccessAt,
                    lastFailureAt, lastError, lastDuration, consecutiveFailures, runs, failures,
                    collector == null ? null : nextRunAt, problems);
        }

        synchronized void close() {
            closed = true;
            if (inFlight != null) {
                inFlight.cancel(true);
            }
            if (collector != null) {
                try {
                    collector.close();
                } catch (RuntimeException e) {
                    // Closing is best effort; a collector failing to close must not stop the others.
                    health.problem("close", e.toString());
                }
            }
        }

        /** Stamps readings with the collection's start time and adds the configured extra labels. */
        private final class StampingSink implements SampleSink {
            private final long stampMillis;

            StampingSink(Instant stamp) {
                this.stampMillis = stamp.toEpochMilli();
            }

            @Override
            public void accept(Sample sample) {
                ingest.accept(extraLabels.isEmpty() ? sample
                        : new Sample(sample.metric(), sample.labels().merge(extraLabels), sample.value(),
                        sample.state(), sample.timestampMillis()));
            }

            @Override
            public void accept(String metric, double value, Labels labels) {
                accept(new Sample(metric, labels, value, null, stampMillis));
            }

            @Override
            public void acceptState(String metric, String state, Labels labels) {
                accept(new Sample(metric, labels, Double.NaN, state, stampMillis));
            }
        }
    }
}
