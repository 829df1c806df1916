package io.vigil.alerting.runtime;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRecordsTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T12:30:00Z");
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final List<String> heard = new ArrayList<>();
    private final List<AlertRecord> humanChanges = new ArrayList<>();
    private final AlertRecords records;
    private final AlertRule rule = AlertRule.named("cpu_high").id("rule_001")
            .when(Condition.last("cpu_usage").atLeast(80)).build();

    AlertRecordsTest() {
        Listeners listeners = new Listeners();
        listeners.add(new AlertListener() {
            @Override
            public void recordCreated(AlertRecord r) {
                heard.add("created " + r.id());
            }

            @Override
            public void recordUpdated(AlertRecord r) {
                heard.add("updated " + r.id() + " " + r.status().wireName());
            }

            @Override
            public void recordResolved(AlertRecord r) {
                heard.add("resolved " + r.id());
            }
        });
        records = new AlertRecords(store, clock, listeners, humanChanges::add);
    }

    private AlertRecord fire(String id) {
        return records.create(AlertRecord.fired(id, rule, Labels.of("vm", "vm_001"), "cpu_usage", 85.5,
                Threshold.of(80), "cpu_usage >= 80", Map.of("cpu_usage", 85.5), clock.instant()));
    }

    @Test
    void acknowledgeThenResolveKeepsWhoWhenAndWhy() {
        fire("alert_001");
        clock.advance(Duration.ofMinutes(30));
        AlertRecord acked = records.acknowledge("alert_001", new Actor("usr_002", "Ops"), "normal peak");
        clock.advance(Duration.ofMinutes(60));
        AlertRecord resolved = records.resolve("alert_001", new Actor("usr_002", "Ops"), "restarted");

        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedByName()).isEqualTo("Ops");
        assertThat(acked.acknowledgeNote()).isEqualTo("normal peak");
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(resolved.resolution()).isEqualTo("restarted");
        assertThat(resolved.acknowledgedAt()).isEqualTo(acked.acknowledgedAt());
        assertThat(heard).containsExactly("created alert_001", "updated alert_001 acknowledged", "resolved alert_001");
        assertThat(humanChanges).extracting(AlertRecord::status).containsExactly(AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED);
    }

    @Test
    void illegalTransitionsAreRejectedAndChangeNothing() {
        fire("alert_001");
        records.resolve("alert_001", Actor.of("u"), "done");
        AlertRecord before = records.require("alert_001");

        for (Runnable illegal : List.<Runnable>of(
                () -> records.resolve("alert_001", Actor.of("u"), "again"),
                () -> records.acknowledge("alert_001", Actor.of("u"), null),
                () -> records.ignore("alert_001", Actor.of("u"), null))) {
            assertThatThrownBy(illegal::run).isInstanceOfSatisfying(AlertingException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        }
        assertThat(records.require("alert_001")).isEqualTo(before);

        fire("alert_002");
        records.ignore("alert_002", Actor.of("u"), "noise");
        assertThatThrownBy(() -> records.acknowledge("alert_002", Actor.of("u"), null))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
    }

    @Test
    void unknownRecordIsAlertNotFound() {
        assertThatThrownBy(() -> records.acknowledge("nope", Actor.of("u"), null))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALERT_NOT_FOUND));
    }

    @Test
    void batchAcknowledgeReportsEachFailure() {
        fire("a1");
        fire("a2");
        records.resolve("a2", Actor.of("u"), null);

        BatchResult result = records.acknowledgeAll(List.of("a1", "a2", "a3"), Actor.of("u"), "batch");

        assertThat(result.succeeded()).containsExactly("a1");
        assertThat(result.failures()).extracting(BatchResult.Failure::id, BatchResult.Failure::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a2", ErrorCode.ILLEGAL_TRANSITION),
                        org.assertj.core.groups.Tuple.tuple("a3", ErrorCode.ALERT_NOT_FOUND));
    }

    @Test
    void concurrentAcknowledgesGiveOneSuccessAndOneClearConflict() throws Exception {
        for (int round = 0; round < 50; round++) {
            String id = "race_" + round;
            fire(id);
            CyclicBarrier barrier = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<ErrorCode>> outcomes = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String who = "user_" + t;
                outcomes.add(pool.submit(() -> {
                    barrier.await();
                    try {
                        records.acknowledge(id, Actor.of(who), null);
                        return null;
                    } catch (AlertingException e) {
                        return e.code();
                    }
                }));
            }
            List<ErrorCode> codes = new ArrayList<>();
            for (Future<ErrorCode> f : outcomes) {
                codes.add(f.get(10, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(codes).containsOnlyOnce((ErrorCode) null);
            assertThat(codes).filteredOn(c -> c != null).singleElement()
                    .isIn(ErrorCode.VERSION_CONFLICT, ErrorCode.ILLEGAL_TRANSITION);
            assertThat(records.require(id).version()).isEqualTo(2);
        }
    }

    @Test
    void historyReturnsTheRulesRecordsInTheWindowNewestFirst() {
        fire("old");
        clock.advance(Duration.ofHours(30));
        fire("recent");
        clock.advance(Duration.ofHours(1));

        assertThat(records.history("rule_001", Duration.ofHours(24))).extracting(AlertRecord::id).containsExactly("recent");
        assertThat(records.history("rule_001", Duration.ofHours(48))).extracting(AlertRecord::id)
                .containsExactly("recent", "old");
    }
}
