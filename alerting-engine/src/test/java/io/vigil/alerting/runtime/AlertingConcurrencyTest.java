package io.vigil.alerting.runtime;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples from many threads, rule changes and record updates at the same time: nothing may be
 * lost. Every assertion is an exact total.
 */
class AlertingConcurrencyTest {

    @Test
    void concurrentSamplesRuleChangesAndAcknowledgementsLoseNothing() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-02-03T00:00:00Z"));
        InMemoryAlertStore store = new InMemoryAlertStore();
        RecordingHandoff handoff = new RecordingHandoff();
        Alerting alerting = Alerting.builder().clock(clock).store(store).notifications(handoff)
                .hostLabels(Labels.empty()).ruleLimits(new RuleLimits(50, 500)).build();
        Actor ops = Actor.of("ops");
        alerting.rules().create(AlertRule.named("job_failed").when(Condition.last("job_errors").above(0))
                .cooldown(Duration.ZERO).severity(Severity.HIGH).build(), ops);

        int producers = 6;
        int seriesPerProducer = 50;
        int samplesPerSeries = 40;  // one above-threshold sample per series, at position 20
        int extraRules = 60;
        ExecutorService pool = Executors.newFixedThreadPool(producers + 3);
        CyclicBarrier start = new CyclicBarrier(producers + 3);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        List<Future<?>> producerFutures = new ArrayList<>();

        for (int p = 0; p < producers; p++) {
            int producer = p;
            producerFutures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < samplesPerSeries; i++) {
                    for (int s = 0; s < seriesPerProducer; s++) {
                        Labels labels = Labels.of("job", producer + "-" + s);
                        // each series gets its own strictly increasing timestamps, so none is out of order
                        long t = clock.millis() + i * 1000L;
                        alerting.record(io.vigil.alerting.api.Sample.of("job_errors", i == 20 ? 1 : 0, t, labels));
                    }
                }
                return null;
            }));
        }
        // An evaluator thread ticking all the time, as the production ticker does.
        Future<?> ticker = pool.submit(() -> {
            start.await();
            while (producing.get()) {
                alerting.tick();
            }
            return null;
        });
        // Rule changes while samples flow.
        Future<?> ruleChanger = pool.submit(() -> {
            start.await();
            for (int i = 0; i < extraRules; i++) {
                AlertRule r = alerting.rules().create(AlertRule.named("extra_" + i)
                        .when(Condition.last("other_metric_" + i).above(1)).build(), ops);
                alerting.rules().update(r.id(), b -> b.severity(Severity.LOW), ops);
            }
            return null;
        });
        // Acknowledge records as they appear.
        Future<?> acknowledger = pool.submit(() -> {
            start.await();
            while (producing.get() || acknowledged.get() < producers * seriesPerProducer) {
                for (AlertRecord r : store.findRecords(new RecordQuery(Set.of(AlertStatus.ACTIVE), null, null, null,
                        null, null, PageRequest.all())).items()) {
                    try {
                        alerting.records().acknowledge(r.id(), ops, null);
                        acknowledged.incrementAndGet();
                    } catch (AlertingException e) {
                        // the record resolved meanwhile (its next sample is 0): counted below
                    }
                }
                if (!producing.get()) {
                    break;
                }
            }
            return null;
        });

        for (Future<?> f : producerFutures) {
            f.get(60, TimeUnit.SECONDS);
        }
        ruleChanger.get(60, TimeUnit.SECONDS);
        producing.set(false);
        ticker.get(60, TimeUnit.SECONDS);
        acknowledger.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        alerting.tick();

        long totalSamples = (long) producers * seriesPerProducer * samplesPerSeries;
        List<AlertRecord> records = store.findRecords(new RecordQuery(null, null, null, null, null, null,
                PageRequest.of(1, 1000))).items();
        assertThat(alerting.metrics().counter("vigil.samples.in").getCount()).isEqualTo(totalSamples);
        assertThat(alerting.engineCounters().droppedOutOfOrder()).isZero();
        assertThat(records).as("one firing per series").hasSize(producers * seriesPerProducer);
        assertThat(records).extracting(r -> r.labels().get("job")).doesNotHaveDuplicates();
        assertThat(records).as("every series went back to 0, so every record resolved")
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(records.stream().filter(r -> r.acknowledgedAt() != null).count()).isEqualTo(acknowledged.get());
        assertThat(alerting.rules().all()).hasSize(1 + extraRules)
                .filteredOn(r -> r.name().startsWith("extra_")).allSatisfy(r -> {
                    assertThat(r.severity()).isEqualTo(Severity.LOW);
                    assertThat(r.version()).isEqualTo(2);
                });
        assertThat(alerting.queuedSamples()).isZero();
        alerting.close();
    }
}
