package io.vigil.alerting.runtime;

import com.codahale.metrics.MetricRegistry;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionLoopTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T00:00:00Z");
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final MetricRegistry registry = new MetricRegistry();
    private final CollectionLoop loop = new CollectionLoop(workers, clock, samples::add, new SelfMetrics(registry));

    @AfterEach
    void tearDown() {
        loop.close();
        workers.shutdownNow();
    }

    /** A collector that emits one sample per call and lets the test wait for each call to finish. */
    private static final class Counting implements MetricCollector {
        final Semaphore done = new Semaphore(0);
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean fail;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Duration defaultInterval() {
            return Duration.ofSeconds(10);
        }

        @Override
        public void collect(SampleSink sink) {
            try {
                int n = calls.incrementAndGet();
                if (fail) {
                    throw new IllegalStateException("boom " + n);
                }
                sink.accept("queue_depth", n, Labels.of("queue", "orders"));
            } finally {
                done.release();
            }
        }
    }

    private void awaitCall(Counting c) throws InterruptedException {
        assertThat(c.done.tryAcquire(10, TimeUnit.SECONDS)).as("collection finished").isTrue();
        loop.awaitIdle(Duration.ofSeconds(10));
    }

    @Test
    void runsAtTheIntervalAndStampsSamplesWithTheCollectionTime() throws Exception {
        Counting c = new Counting();
        loop.add(c, Duration.ofSeconds(10), Duration.ofSeconds(5), new CollectorHealth(clock), Labels.of("host", "h1"));
        Instant t0 = clock.instant();

        loop.runDue(clock.instant());
        awaitCall(c);
        clock.advance(Duration.ofSeconds(9));
        loop.runDue(clock.instant());
        clock.advance(Duration.ofSeconds(1));
        loop.runDue(clock.instant());
        awaitCall(c);

        assertThat(c.calls.get()).isEqualTo(2);
        assertThat(samples).extracting(Sample::timestampMillis)
                .containsExactly(t0.toEpochMilli(), t0.plusSeconds(10).toEpochMilli());
        assertThat(samples.get(0).labels()).isEqualTo(Labels.of("host", "h1", "queue", "orders"));
        assertThat(loop.status()).singleElement().satisfies(s -> {
            assertThat(s.runs()).isEqualTo(2);
            assertThat(s.healthy()).isTrue();
        });
    }

    @Test
    void failuresAreCountedAndBackOffExponentially() throws Exception {
        Counting c = new Counting();
        c.fail = true;
        loop.add(c, Duration.ofSeconds(10), Duration.ofSeconds(5), new CollectorHealth(clock), Labels.empty());
        Instant t0 = clock.instant();

        loop.runDue(t0);
        awaitCall(c);
        // first failure: next run one interval after the start
        assertThat(loop.status().get(0).nextRunAt()).isEqualTo(t0.plusSeconds(10));
        clock.set(t0.plusSeconds(10));
        loop.runDue(clock.instant());
        awaitCall(c);
        // second consecutive failure: two intervals
        assertThat(loop.status().get(0).nextRunAt()).isEqualTo(t0.plusSeconds(30));
        clock.set(t0.plusSeconds(29));
        loop.runDue(clock.instant());
        assertThat(c.calls.get()).isEqualTo(2);

        c.fail = false;
        clock.set(t0.plusSeconds(30));
        loop.runDue(clock.instant());
        awaitCall(c);
        CollectorStatus s = loop.status().get(0);
        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(s.lastError()).isEqualTo("IllegalStateException: boom 2");
        assertThat(s.nextRunAt()).isEqualTo(t0.plusSeconds(40));
        assertThat(registry.counter("vigil.collector.counting.failures").getCount()).isEqualTo(2);
    }

    @Test
    void aHungCollectorTimesOutByTheClockAndDelaysNoOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        MetricCollector hung = new MetricCollector() {
            @Override
            public String name() {
                return "hung";
            }

            @Override
            public Duration defaultInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public void collect(SampleSink sink) throws InterruptedException {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
        };
        Counting healthy = new Counting();
        loop.add(hung, Duration.ofSeconds(10), Duration.ofSeconds(3), new CollectorHealth(clock), Labels.empty());
        loop.add(healthy, Duration.ofSeconds(10), Duration.ofSeconds(3), new CollectorHealth(clock), Labels.empty());

        loop.runDue(clock.instant());
        assertThat(healthy.done.tryAcquire(10, TimeUnit.SECONDS)).as("healthy collector ran").isTrue();
        // Both collections must really be running (or done) before the clock passes the timeout:
        // a task cancelled before it starts is never interrupted.
        assertThat(started.await(10, TimeUnit.SECONDS)).as("hung collector started").isTrue();
        awaitStatus(1, s -> s.lastSuccessAt() != null);
        clock.advance(Duration.ofSeconds(3));
        loop.runDue(clock.instant());

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("hung collector interrupted").isTrue();
        CollectorStatus hungStatus = loop.status().get(0);
        assertThat(hungStatus.failures()).isEqualTo(1);
        assertThat(hungStatus.lastError()).isEqualTo("timed out after 3000 ms");
        assertThat(samples).hasSize(1);
        assertThat(loop.status().get(1).healthy()).isTrue();
    }

    /** Waits (bounded) until the collector at {@code index} reports what the test needs; no timer is involved. */
    private void awaitStatus(int index, java.util.function.Predicate<CollectorStatus> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.test(loop.status().get(index))) {
            assertThat(System.nanoTime()).as("collector %d status in time", index).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void unavailableCollectorsAreListedWithTheirReason() {
        loop.addUnavailable("gpu", "libnvidia-ml.so.1 not found");
        loop.runDue(clock.instant());
        assertThat(loop.status()).singleElement().satisfies(s -> {
            assertThat(s.available()).isFalse();
            assertThat(s.unavailableReason()).isEqualTo("libnvidia-ml.so.1 not found");
            assertThat(s.healthy()).isFalse();
        });
    }
}
