package io.vigil.alerting.store.tck;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.NotificationAttempt;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.spi.RuleQuery;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link AlertStore} contract. A store implementation proves it keeps the contract by
 * extending this class and returning a fresh, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends AlertStoreContractTest {
 *     @Override protected AlertStore newStore() { return new MyStore(...); }
 * }
 * }</pre>
 *
 * <p>Every test gets its own store and closes it afterwards. Instants used here are whole
 * milliseconds, which every store keeps exactly (durable stores keep microseconds).
 */
public abstract class AlertStoreContractTest {
    /** A fixed point in time every fixture is placed relative to. */
    protected static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    /** How long a concurrency test waits for its threads before declaring a deadlock. */
    private static final long THREAD_TIMEOUT_SECONDS = 30;

    protected AlertStore store;

    /** A new, empty store; it is closed after the test. */
    protected abstract AlertStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ==== rules ===================================================================================

    @Test
    void createRuleStoresVersionOneWhateverVersionIsGiven() {
        AlertRule given = rule("cpu_high").toBuilder().version(7).build();

        AlertRule stored = store.createRule(given);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored).isEqualTo(given.toBuilder().version(1).build());
        assertThat(store.findRule(given.id())).contains(stored);
        assertThat(store.findRuleByName("cpu_high")).contains(stored);
    }

    @Test
    void unknownRuleIsNotFound() {
        assertThat(store.findRule("nope")).isEmpty();
        assertThat(store.findRuleByName("nope")).isEmpty();
    }

    @Test
    void createRuleWithoutIdIsRejected() {
        AlertRule noId = rule("cpu_high").withId(null);

        assertThatThrownBy(() -> store.createRule(noId)).isInstanceOf(NullPointerException.class);
        assertThat(store.findRules(RuleQuery.all()).total()).isZero();
    }

    @Test
    void everyFieldOfARuleSurvivesTheStore() {
        AlertRule full = fullRule();

        AlertRule stored = store.createRule(full);
        AlertRule found = store.findRule(full.id()).orElseThrow();

        assertThat(found).isEqualTo(full.toBuilder().version(1).build()).isEqualTo(stored);
        ChannelSettings webhook = found.notifications().settingsFor("webhook");
        assertThat(webhook.secret().reveal()).as("secrets are stored as given").isEqualTo("hmac-key-1");
    }

    @Test
    void createRuleWithATakenNameConflictsAndKeepsTheFirst() {
        AlertRule first = store.createRule(rule("cpu_high"));
        AlertRule clash = rule("cpu_high").withId("another-id");

        assertFails(ErrorCode.RULE_NAME_CONFLICT, () -> store.createRule(clash));
        assertThat(store.findRuleByName("cpu_high")).contains(first);
        assertThat(store.findRule("another-id")).isEmpty();
    }

    @Test
    void createRuleWithATakenIdConflictsAndKeepsTheFirst() {
        AlertRule first = store.createRule(rule("cpu_high"));
        AlertRule sameId = rule("memory_high").withId(first.id());

        assertFails(ErrorCode.RULE_NAME_CONFLICT, () -> store.createRule(sameId));
        assertThat(store.findRule(first.id())).contains(first);
        assertThat(store.findRuleByName("memory_high")).isEmpty();
    }

    @Test
    void updateRuleWithTheStoredVersionStoresTheNextVersion() {
        AlertRule v1 = store.createRule(rule("cpu_high"));

        AlertRule v2 = store.updateRule(v1.toBuilder().severity(Severity.CRITICAL).enabled(false).build());
        AlertRule v3 = store.updateRule(v2.toBuilder().description("third").build());

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(store.findRule(v1.id())).contains(v3);
        assertThat(v3.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(v3.enabled()).isFalse();
        assertThat(v3.description()).isEqualTo("third");
    }

    @Test
    void updateRuleWithAStaleVersionConflictsAndChangesNothing() {
        AlertRule v1 = store.createRule(rule("cpu_high"));
        AlertRule v2 = store.updateRule(v1.toBuilder().description("second").build());

        assertFails(ErrorCode.VERSION_CONFLICT, () -> store.updateRule(v1.toBuilder().description("stale").build()));
        assertFails(ErrorCode.VERSION_CONFLICT,
                () -> store.updateRule(v1.toBuilder().version(9).description("future").build()));
        assertThat(store.findRule(v1.id())).contains(v2);
    }

    @Test
    void updateOfAnUnknownRuleIsNotFound() {
        AlertRule ghost = rule("ghost").toBuilder().version(1).build();

        assertFails(ErrorCode.RULE_NOT_FOUND, () -> store.updateRule(ghost));
        assertThat(store.findRule(ghost.id())).isEmpty();
    }

    @Test
    void renamingARuleToATakenNameConflictsButAFreeNameWorksAndFreesTheOldOne() {
        AlertRule cpu = store.createRule(rule("cpu_high"));
        store.createRule(rule("memory_high"));

        assertFails(ErrorCode.RULE_NAME_CONFLICT, () -> store.updateRule(cpu.toBuilder().name("memory_high").build()));
        assertThat(store.findRule(cpu.id())).contains(cpu);

        AlertRule renamed = store.updateRule(cpu.toBuilder().name("cpu_very_high").build());
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(store.findRuleByName("cpu_very_high")).contains(renamed);
        assertThat(store.findRuleByName("cpu_high")).isEmpty();
        assertThat(store.createRule(rule("cpu_high").withId("rule-new")).version()).as("the old name is free again")
                .isEqualTo(1);
    }

    @Test
    void keepingItsOwnNameIsNoConflict() {
        AlertRule v1 = store.createRule(rule("cpu_high"));

        AlertRule v2 = store.updateRule(v1.toBuilder().description("same name").build());

        assertThat(v2.name()).isEqualTo("cpu_high");
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    void deleteRuleRemovesItOnceAndKeepsItsRecords() {
        AlertRule cpu = store.createRule(rule("cpu_high"));
        store.createRecord(record("rec-1", cpu.id(), Severity.HIGH, T0, Labels.of("host", "a")));

        assertThat(store.deleteRule(cpu.id())).isTrue();
        assertThat(store.deleteRule(cpu.id())).isFalse();
        assertThat(store.findRule(cpu.id())).isEmpty();
        assertThat(store.findRuleByName("cpu_high")).isEmpty();
        assertThat(store.findRecord("rec-1")).isPresent();
        assertThat(store.createRule(rule("cpu_high")).version()).as("the name is free again").isEqualTo(1);
    }

    @Test
    void findRulesFiltersByEnabledSeverityScopeAndScopeId() {
        store.createRule(rule("a_global").toBuilder().severity(Severity.LOW).build());
        store.createRule(rule("b_vm1").toBuilder().scope(Scope.vm("vm_001")).severity(Severity.HIGH).build());
        store.createRule(rule("c_vm2").toBuilder().scope(Scope.vm("vm_002")).severity(Severity.HIGH).enabled(false).build());
        store.createRule(rule("d_group").toBuilder().scope(Scope.group("vm_001")).severity(Severity.CRITICAL).build());

        assertThat(ruleNames(new RuleQuery(true, null, null, null, null))).containsExactly("a_global", "b_vm1", "d_group");
        assertThat(ruleNames(new RuleQuery(false, null, null, null, null))).containsExactly("c_vm2");
        assertThat(ruleNames(new RuleQuery(null, Severity.HIGH, null, null, null))).containsExactly("b_vm1", "c_vm2");
        assertThat(ruleNames(new RuleQuery(null, null, ScopeType.VM, null, null))).containsExactly("b_vm1", "c_vm2");
        assertThat(ruleNames(new RuleQuery(null, null, ScopeType.GLOBAL, null, null))).containsExactly("a_global");
        assertThat(ruleNames(new RuleQuery(null, null, null, "vm_001", null))).containsExactly("b_vm1", "d_group");
        assertThat(ruleNames(new RuleQuery(null, null, ScopeType.VM, "vm_001", null))).containsExactly("b_vm1");
        assertThat(ruleNames(new RuleQuery(true, Severity.HIGH, ScopeType.VM, "vm_002", null))).isEmpty();
    }

    @Test
    void findRulesOrdersByNameCodeUnitByCodeUnitAndPages() {
        for (String name : List.of("gamma", "alpha", "Beta", "delta", "_under", "epsilon", "Zeta")) {
            store.createRule(rule(name));
        }

        assertThat(ruleNames(RuleQuery.all()))
                .as("ordered as String.compareTo orders, not by locale")
                .containsExactly("Beta", "Zeta", "_under", "alpha", "delta", "epsilon", "gamma");

        Page<AlertRule> second = store.findRules(new RuleQuery(null, null, null, null, PageRequest.of(2, 3)));
        assertThat(second.items()).extracting(AlertRule::name).containsExactly("alpha", "delta", "epsilon");
        assertThat(second.total()).isEqualTo(7);
        assertThat(second.page()).isEqualTo(2);
        assertThat(second.pageSize()).isEqualTo(3);
        assertThat(second.totalPages()).isEqualTo(3);
        Page<AlertRule> beyond = store.findRules(new RuleQuery(null, null, null, null, PageRequest.of(4, 3)));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
    }

    @Test
    void twoConcurrentUpdatesOfOneRuleGiveOneSuccessAndOneConflict() throws Exception {
        AlertRule v1 = store.createRule(rule("cpu_high"));

        List<Outcome> outcomes = race(2, i -> store.updateRule(v1.toBuilder().description("writer " + i).build()));

        assertOneWinnerOneConflict(outcomes);
        AlertRule stored = store.findRule(v1.id()).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.description()).isEqualTo("writer " + winner(outcomes));
    }

    @Test
    void twoConcurrentCreationsOfOneNameGiveOneRule() throws Exception {
        List<Outcome> outcomes = race(2, i -> store.createRule(rule("contested").withId("contender-" + i)));

        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.code() == ErrorCode.RULE_NAME_CONFLICT).hasSize(1);
        assertThat(store.findRuleByName("contested").orElseThrow().id()).isEqualTo("contender-" + winner(outcomes));
        assertThat(store.findRules(RuleQuery.all()).total()).isEqualTo(1);
    }

    // ==== alert records ===========================================================================

    @Test
    void createRecordStoresVersionOneAndEveryField() {
        AlertRecord full = fullRecord("rec-1");

        AlertRecord stored = store.createRecord(full.withVersion(5));

        assertThat(stored).isEqualTo(full.withVersion(1));
        assertThat(store.findRecord("rec-1")).contains(stored);
    }

    @Test
    void aRecordWithoutOptionalFieldsSurvivesTheStore() {
        AlertRecord bare = new AlertRecord("rec-bare", "rule-x", "x", null, null, Severity.LOW, null, null, null,
                AlertStatus.ACTIVE, T0, null, null, null, null, null, null, null, null, null, null, null, 0, null, null, 0);

        store.createRecord(bare);

        assertThat(store.findRecord("rec-bare")).contains(bare.withVersion(1));
    }

    @Test
    void everyThresholdShapeSurvivesInARecord() {
        List<Threshold> shapes = List.of(Threshold.of(-0.5), Threshold.range(10, 20.25), Threshold.anyOf(1, 2, 3),
                Threshold.text("stopped"), Threshold.anyOf("stopped", "paused"));
        for (int i = 0; i < shapes.size(); i++) {
            AlertRecord r = record("rec-" + i, "rule-1", Severity.LOW, T0, Labels.empty());
            AlertRecord withShape = new AlertRecord(r.id(), r.ruleId(), r.ruleName(), r.labels(), r.metric(),
                    r.severity(), 3.0, shapes.get(i), "x", r.status(), r.triggeredAt(), null, null, null, null, null,
                    null, null, null, null, Map.of(), List.of(), 0, null, null, 0);
            store.createRecord(withShape);
            assertThat(store.findRecord(r.id()).orElseThrow().threshold()).isEqualTo(shapes.get(i));
        }
    }

    @Test
    void unknownRecordIsNotFound() {
        assertThat(store.findRecord("nope")).isEmpty();
        assertFails(ErrorCode.ALERT_NOT_FOUND,
                () -> store.updateRecord(record("nope", "rule-1", Severity.LOW, T0, Labels.empty()).withVersion(1)));
        assertThat(store.findRecord("nope")).isEmpty();
    }

    @Test
    void createRecordWithATakenIdConflicts() {
        AlertRecord first = store.createRecord(record("rec-1", "rule-1", Severity.LOW, T0, Labels.empty()));

        assertFails(ErrorCode.VERSION_CONFLICT,
                () -> store.createRecord(record("rec-1", "rule-2", Severity.HIGH, T0.plusSeconds(5), Labels.empty())));
        assertThat(store.findRecord("rec-1")).contains(first);
    }

    @Test
    void aRecordMovesThroughItsLifecycleOneVersionAtATime() {
        AlertRecord v1 = store.createRecord(record("rec-1", "rule-1", Severity.HIGH, T0, Labels.of("vm", "vm_001")));

        AlertRecord v2 = store.updateRecord(v1.escalatedTo(2, T0.plusSeconds(60)));
        AlertRecord v3 = store.updateRecord(v2.acknowledge("usr_001", "Ops One", "looking", T0.plusSeconds(120)));
        AlertRecord v4 = store.updateRecord(v3.resolve("usr_002", "Ops Two", "restarted", 12.5, T0.plusSeconds(600)));

        assertThat(List.of(v2.version(), v3.version(), v4.version())).containsExactly(2L, 3L, 4L);
        AlertRecord found = store.findRecord("rec-1").orElseThrow();
        assertThat(found).isEqualTo(v4);
        assertThat(found.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(found.escalationLevel()).isEqualTo(2);
        assertThat(found.acknowledgedBy()).isEqualTo("usr_001");
        assertThat(found.acknowledgedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(found.resolvedByName()).isEqualTo("Ops Two");
        assertThat(found.resolveValue()).isEqualTo(12.5);
        assertThat(found.duration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void updateRecordWithAStaleVersionConflictsAndChangesNothing() {
        AlertRecord v1 = store.createRecord(record("rec-1", "rule-1", Severity.HIGH, T0, Labels.empty()));
        AlertRecord v2 = store.updateRecord(v1.acknowledge("usr_001", null, null, T0.plusSeconds(1)));

        assertFails(ErrorCode.VERSION_CONFLICT,
                () -> store.updateRecord(v1.ignore("usr_002", null, "stale", T0.plusSeconds(2))));
        assertThat(store.findRecord("rec-1")).contains(v2);
    }

    @Test
    void twoConcurrentAcknowledgesGiveOneSuccessAndOneConflict() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = "race-" + round;
            store.createRecord(record(id, "rule-1", Severity.CRITICAL, T0.plusSeconds(round), Labels.empty()));

            List<Outcome> outcomes = race(2, i -> {
                AlertRecord mine = store.findRecord(id).orElseThrow();
                return mine; // read before the barrier: both hold version 1
            }, (i, mine) -> store.updateRecord(mine.acknowledge("usr_" + i, "User " + i, null, T0.plusSeconds(60))));

            assertOneWinnerOneConflict(outcomes);
            AlertRecord stored = store.findRecord(id).orElseThrow();
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(stored.acknowledgedBy()).isEqualTo("usr_" + winner(outcomes));
        }
    }

    @Test
    void concurrentWritersLoseNoRecord() throws Exception {
        int threads = 4;
        int perThread = 25;
        List<Outcome> outcomes = race(threads, i -> {
            for (int n = 0; n < perThread; n++) {
                store.createRecord(record("w" + i + "-" + n, "rule-" + i, Severity.LOW, T0.plusSeconds(n), Labels.empty()));
            }
            return null;
        });

        assertThat(outcomes).allMatch(Outcome::succeeded);
        assertThat(store.findRecords(RecordQuery.all()).total()).isEqualTo((long) threads * perThread);
        assertThat(store.findRecords(RecordQuery.forRule("rule-2", null, null, PageRequest.all())).total())
                .isEqualTo(perThread);
    }

    @Test
    void findRecordsFiltersByStatusSeverityRuleLabelsAndTime() {
        givenRecordFixture();

        assertThat(recordIds(query(Set.of(AlertStatus.ACTIVE), null, null, null, null, null)))
                .containsExactly("r6", "r4", "r1");
        assertThat(recordIds(query(Set.of(AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED), null, null, null, null, null)))
                .containsExactly("r5", "r3", "r2");
        assertThat(recordIds(query(null, Set.of(Severity.HIGH, Severity.CRITICAL), null, null, null, null)))
                .containsExactly("r6", "r5", "r3", "r1");
        assertThat(recordIds(query(null, null, "rule-b", null, null, null))).containsExactly("r5", "r4");
        assertThat(recordIds(query(null, null, null, Map.of("vm", "vm_001"), null, null)))
                .containsExactly("r5", "r3", "r1");
        assertThat(recordIds(query(null, null, null, Map.of("vm", "vm_001", "env", "prod"), null, null)))
                .containsExactly("r5", "r1");
        assertThat(recordIds(query(null, null, null, Map.of("vm", "vm_001", "env", "dev"), null, null)))
                .containsExactly("r3");
        assertThat(recordIds(query(null, null, null, Map.of("vm", "vm_404"), null, null))).isEmpty();
        assertThat(recordIds(query(null, null, null, Map.of("gpu", "0"), null, null)))
                .as("a label the record does not have never matches").isEmpty();
        assertThat(recordIds(query(null, null, null, null, T0.plusSeconds(2 * 3600), T0.plusSeconds(4 * 3600))))
                .as("from is inclusive, to exclusive").containsExactly("r4", "r3");
        assertThat(recordIds(query(null, null, null, null, T0.plusSeconds(4 * 3600), null))).containsExactly("r6", "r5");
        assertThat(recordIds(query(null, null, null, null, null, T0.plusSeconds(3600)))).containsExactly("r1");
        assertThat(recordIds(query(Set.of(AlertStatus.ACTIVE, AlertStatus.RESOLVED), Set.of(Severity.HIGH), "rule-a",
                Map.of("env", "prod"), T0, T0.plusSeconds(6 * 3600)))).containsExactly("r1");
    }

    @Test
    void findRecordsOrdersNewestFirstThenByIdAndPages() {
        for (int i = 0; i < 25; i++) {
            // pairs share a trigger time so the id decides between them
            store.createRecord(record(String.format("p%02d", i), "rule-1", Severity.LOW, T0.plusSeconds(i / 2),
                    Labels.of("host", "h" + (i % 3))));
        }

        Page<AlertRecord> first = store.findRecords(query(null, null, null, null, null, null, PageRequest.of(1, 10)));
        Page<AlertRecord> third = store.findRecords(query(null, null, null, null, null, null, PageRequest.of(3, 10)));
        Page<AlertRecord> fourth = store.findRecords(query(null, null, null, null, null, null, PageRequest.of(4, 10)));

        assertThat(first.items()).extracting(AlertRecord::id)
                .containsExactly("p24", "p22", "p23", "p20", "p21", "p18", "p19", "p16", "p17", "p14");
        assertThat(third.items()).extracting(AlertRecord::id).containsExactly("p05", "p02", "p03", "p00", "p01");
        assertThat(List.of(first.total(), third.total(), fourth.total())).containsOnly(25L);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(fourth.items()).isEmpty();
        Page<AlertRecord> filtered = store.findRecords(
                query(null, null, null, Map.of("host", "h1"), null, null, PageRequest.of(2, 3)));
        assertThat(filtered.total()).isEqualTo(8);
        assertThat(filtered.items()).extracting(AlertRecord::id).containsExactly("p13", "p10", "p07");
    }

    @Test
    void recordsCarryTheirNotificationAttemptsOldestFirst() {
        store.createRecord(record("rec-1", "rule-1", Severity.HIGH, T0, Labels.empty()));
        store.createRecord(record("rec-2", "rule-1", Severity.HIGH, T0.plusSeconds(1), Labels.empty()));
        NotificationRecord discord = store.createNotification(
                notification("n-b", "rec-1", "discord", "#ops", T0.plusSeconds(2)));
        store.createNotification(notification("n-a", "rec-1", "email", "ops@example.com", T0.plusSeconds(1)));
        store.createNotification(notification("n-c", "rec-2", "email", "ops@example.com", T0.plusSeconds(3)));
        store.updateNotification(discord.retryAt(T0.plusSeconds(62), "HTTP 502"));

        AlertRecord found = store.findRecord("rec-1").orElseThrow();

        assertThat(found.notifications()).containsExactly(
                new NotificationAttempt("n-a", "email", "ops@example.com", NotificationStatus.PENDING, null, null),
                new NotificationAttempt("n-b", "discord", "#ops", NotificationStatus.PENDING, null, "HTTP 502"));
        NotificationRecord email = store.findNotification("n-a").orElseThrow();
        store.updateNotification(email.sent(T0.plusSeconds(5)));
        assertThat(store.findRecord("rec-1").orElseThrow().notifications().get(0))
                .isEqualTo(new NotificationAttempt("n-a", "email", "ops@example.com", NotificationStatus.SENT,
                        T0.plusSeconds(5), null));
        Map<String, Integer> attemptsPerRecord = new java.util.TreeMap<>();
        for (AlertRecord r : store.findRecords(RecordQuery.all()).items()) {
            attemptsPerRecord.put(r.id(), r.notifications().size());
        }
        assertThat(attemptsPerRecord).containsExactly(Map.entry("rec-1", 2), Map.entry("rec-2", 1));
    }

    @Test
    void attemptsGivenWithARecordAreNotStoredWithIt() {
        AlertRecord withAttempts = record("rec-1", "rule-1", Severity.HIGH, T0, Labels.empty()).withNotifications(
                List.of(new NotificationAttempt("n-x", "email", "a@b", NotificationStatus.SENT, T0, null)));

        AlertRecord stored = store.createRecord(withAttempts);

        assertThat(stored.notifications()).as("attempts come from notification records only").isEmpty();
        assertThat(store.findRecord("rec-1").orElseThrow().notifications()).isEmpty();
    }

    @Test
    void purgeDeletesOldRecordsInBatchesOldestFirstWithTheirNotifications() {
        Instant cutoff = T0.plus(Duration.ofDays(30));
        for (int i = 0; i < 7; i++) {
            store.createRecord(record("old-" + i, "rule-1", Severity.LOW, T0.plusSeconds(i), Labels.of("vm", "vm_001")));
            store.createNotification(notification("n-old-" + i, "old-" + i, "email", "a@b", T0.plusSeconds(i)));
        }
        store.createRecord(record("at-cutoff", "rule-1", Severity.LOW, cutoff, Labels.of("vm", "vm_001")));
        store.createRecord(record("new", "rule-1", Severity.LOW, cutoff.plusSeconds(1), Labels.of("vm", "vm_001")));
        store.createNotification(notification("n-new", "new", "email", "a@b", cutoff.plusSeconds(1)));
        store.createNotification(notification("n-test", null, "email", "a@b", T0));

        assertThat(store.purgeRecords(cutoff, 3)).isEqualTo(3);
        assertThat(store.findRecord("old-0")).isEmpty();
        assertThat(store.findRecord("old-2")).isEmpty();
        assertThat(store.findRecord("old-3")).as("oldest first").isPresent();
        assertThat(store.purgeRecords(cutoff, 3)).isEqualTo(3);
        assertThat(store.purgeRecords(cutoff, 3)).isEqualTo(1);
        assertThat(store.purgeRecords(cutoff, 3)).isZero();

        assertThat(recordIds(query(null, null, null, Map.of("vm", "vm_001"), null, null)))
                .containsExactly("new", "at-cutoff");
        assertThat(store.findNotifications(NotificationQuery.all()).items()).extracting(NotificationRecord::id)
                .containsExactlyInAnyOrder("n-new", "n-test");
    }

    // ==== notifications ===========================================================================

    @Test
    void createNotificationStoresVersionOneAndEveryField() {
        NotificationRecord full = new NotificationRecord("n-1", "rec-1", "rule-1", NotificationKind.ESCALATION,
                "webhook", "https://hooks.example.com/x", "Subject ✓", "Body\nline two", NotificationStatus.PENDING,
                T0, T0.plusSeconds(1), T0.plusSeconds(2), "timeout", 2, T0.plusSeconds(300), 8);

        NotificationRecord stored = store.createNotification(full);

        assertThat(stored).isEqualTo(full.withVersion(1));
        assertThat(store.findNotification("n-1")).contains(stored);
        assertThat(store.findNotification("nope")).isEmpty();
    }

    @Test
    void createNotificationWithATakenIdConflicts() {
        NotificationRecord first = store.createNotification(notification("n-1", null, "email", "a@b", T0));

        assertFails(ErrorCode.VERSION_CONFLICT,
                () -> store.createNotification(notification("n-1", null, "sms", "+100", T0)));
        assertThat(store.findNotification("n-1")).contains(first);
    }

    @Test
    void updateNotificationChecksTheVersion() {
        NotificationRecord v1 = store.createNotification(notification("n-1", "rec-1", "email", "a@b", T0));

        NotificationRecord v2 = store.updateNotification(v1.retryAt(T0.plusSeconds(60), "421 try later"));
        NotificationRecord v3 = store.updateNotification(v2.sent(T0.plusSeconds(61)));

        assertThat(v3.version()).isEqualTo(3);
        assertThat(store.findNotification("n-1")).contains(v3);
        assertThat(v3.retryCount()).isEqualTo(1);
        assertThat(v3.nextAttemptAt()).isNull();
        assertFails(ErrorCode.VERSION_CONFLICT, () -> store.updateNotification(v2.failed("stale")));
        assertThat(store.findNotification("n-1")).contains(v3);
        assertFails(ErrorCode.NOTIFICATION_NOT_FOUND,
                () -> store.updateNotification(notification("nope", null, "email", "a@b", T0).withVersion(1)));
    }

    @Test
    void twoConcurrentDeliveriesOfOneNotificationGiveOneSuccess() throws Exception {
        NotificationRecord pending = store.createNotification(notification("n-1", null, "email", "a@b", T0));

        List<Outcome> outcomes = race(2, i -> store.updateNotification(pending.sent(T0.plusSeconds(i + 1))));

        assertOneWinnerOneConflict(outcomes);
        assertThat(store.findNotification("n-1").orElseThrow().sentAt()).isEqualTo(T0.plusSeconds(winner(outcomes) + 1));
    }

    @Test
    void findNotificationsFiltersAndOrdersNewestFirst() {
        store.createNotification(notification("n1", "rec-1", "email", "a@b", T0));
        store.createNotification(notification("n2", "rec-1", "discord", "#ops", T0.plusSeconds(10)));
        NotificationRecord n3 = store.createNotification(
                new NotificationRecord("n3", "rec-2", "rule-2", NotificationKind.FIRING, "email", "a@b", null, "x",
                        NotificationStatus.PENDING, T0.plusSeconds(20), null, null, null, 0, T0.plusSeconds(20), 0));
        store.updateNotification(n3.failed("550 mailbox unavailable"));
        store.createNotification(notification("n4", null, "email", "a@b", T0.plusSeconds(10)));

        assertThat(notificationIds(NotificationQuery.all())).containsExactly("n3", "n2", "n4", "n1");
        assertThat(notificationIds(NotificationQuery.forAlert("rec-1"))).containsExactly("n2", "n1");
        assertThat(notificationIds(new NotificationQuery(null, "rule-2", null, null, null, null, null)))
                .containsExactly("n3");
        assertThat(notificationIds(new NotificationQuery(null, null, "email", null, null, null, null)))
                .containsExactly("n3", "n4", "n1");
        assertThat(notificationIds(new NotificationQuery(null, null, null, NotificationStatus.FAILED, null, null, null)))
                .containsExactly("n3");
        assertThat(notificationIds(new NotificationQuery(null, null, null, null, T0.plusSeconds(10), T0.plusSeconds(20), null)))
                .containsExactly("n2", "n4");
        Page<NotificationRecord> page = store.findNotifications(
                new NotificationQuery(null, null, null, null, null, null, PageRequest.of(2, 3)));
        assertThat(page.items()).extracting(NotificationRecord::id).containsExactly("n1");
        assertThat(page.total()).isEqualTo(4);
    }

    @Test
    void duePendingNotificationsAreThoseDueAtOrBeforeNowOldestFirst() {
        Instant now = T0.plusSeconds(100);
        store.createNotification(notification("late", null, "email", "a@b", T0.plusSeconds(50)));
        store.createNotification(notification("early", null, "email", "a@b", T0.plusSeconds(10)));
        store.createNotification(notification("tie-b", null, "email", "a@b", T0.plusSeconds(20)));
        store.createNotification(notification("tie-a", null, "email", "a@b", T0.plusSeconds(20)));
        store.createNotification(notification("exactly-now", null, "email", "a@b", now));
        NotificationRecord retrying = store.createNotification(notification("retrying", null, "email", "a@b", T0));
        store.updateNotification(retrying.retryAt(now.plusMillis(1), "busy"));
        NotificationRecord sent = store.createNotification(notification("sent", null, "email", "a@b", T0));
        store.updateNotification(sent.sent(T0.plusSeconds(1)));
        NotificationRecord failed = store.createNotification(notification("failed", null, "email", "a@b", T0));
        store.updateNotification(failed.failed("gave up"));
        store.createNotification(new NotificationRecord("no-time", null, null, NotificationKind.TEST, "email", "a@b",
                null, null, NotificationStatus.PENDING, T0.plusSeconds(30), null, null, null, 0, null, 0));

        assertThat(store.duePendingNotifications(now, 100)).extracting(NotificationRecord::id)
                .containsExactly("early", "tie-a", "tie-b", "no-time", "late", "exactly-now");
        assertThat(store.duePendingNotifications(now, 2)).extracting(NotificationRecord::id)
                .containsExactly("early", "tie-a");
        assertThat(store.duePendingNotifications(now.plusMillis(1), 100)).extracting(NotificationRecord::id)
                .containsExactly("retrying", "early", "tie-a", "tie-b", "no-time", "late", "exactly-now");
        assertThat(store.duePendingNotifications(T0.minusSeconds(1), 100)).extracting(NotificationRecord::id)
                .as("without a next attempt time a pending notification is always due").containsExactly("no-time");
    }

    // ==== notification configuration ==============================================================

    @Test
    void notificationConfigRoundTripsWithItsSecretsAndIsReplacedOnSave() {
        assertThat(store.notificationConfig()).isEmpty();
        NotificationConfig full = fullConfig();

        store.saveNotificationConfig(full);
        NotificationConfig loaded = store.notificationConfig().orElseThrow();

        assertThat(loaded).isEqualTo(full);
        assertThat(loaded.email().password().reveal()).isEqualTo("smtp-pass-ü");
        assertThat(loaded.sms().apiKey().reveal()).isEqualTo("key-123");
        assertThat(loaded.sms().apiSecret().reveal()).isEqualTo("secret-456");

        store.saveNotificationConfig(NotificationConfig.defaults());
        assertThat(store.notificationConfig()).contains(NotificationConfig.defaults());
    }

    // ==== in-app inbox ============================================================================

    @Test
    void inboxShowsAUsersOwnMessagesAndOptionallyThoseForAllAdminsNewestFirst() {
        store.addInboxMessage(message("m1", "usr_001", T0));
        store.addInboxMessage(message("m2", InboxMessage.ALL_ADMINS, T0.plusSeconds(1)));
        store.addInboxMessage(message("m3", "usr_002", T0.plusSeconds(2)));
        store.addInboxMessage(message("m4", "usr_001", T0.plusSeconds(3)));

        assertThat(inboxIds("usr_001", false, false)).containsExactly("m4", "m1");
        assertThat(inboxIds("usr_001", true, false)).containsExactly("m4", "m2", "m1");
        assertThat(inboxIds("usr_002", true, false)).containsExactly("m3", "m2");
        assertThat(inboxIds("usr_404", false, false)).isEmpty();
        assertThat(inboxIds("usr_404", true, false)).containsExactly("m2");
        assertThat(inboxIds(InboxMessage.ALL_ADMINS, false, false)).containsExactly("m2");
    }

    @Test
    void markReadSetsTheReadTimeOnceAndUnreadOnlyHidesReadMessages() {
        InboxMessage m1 = store.addInboxMessage(message("m1", "usr_001", T0));
        store.addInboxMessage(message("m2", InboxMessage.ALL_ADMINS, T0.plusSeconds(1)));
        store.addInboxMessage(message("m3", "usr_001", T0.plusSeconds(2)));
        assertThat(m1.readAt()).isNull();

        assertThat(store.markRead("m1", T0.plusSeconds(10))).isTrue();
        assertThat(store.markRead("m2", T0.plusSeconds(11))).isTrue();
        assertThat(store.markRead("m1", T0.plusSeconds(99))).as("already read: still true").isTrue();
        assertThat(store.markRead("nope", T0)).isFalse();

        assertThat(inboxIds("usr_001", true, true)).containsExactly("m3");
        List<InboxMessage> all = store.inbox("usr_001", true, false, PageRequest.all()).items();
        assertThat(all).extracting(InboxMessage::readAt).containsExactly(null, T0.plusSeconds(11), T0.plusSeconds(10));
    }

    @Test
    void inboxMessagesKeepEveryFieldAndPage() {
        InboxMessage full = new InboxMessage("m0", "usr_001", "rec-9", Severity.CRITICAL, "GPU 0 hot",
                "temperature 91 °C\nsecond line", T0, null);
        store.addInboxMessage(full);
        for (int i = 1; i <= 6; i++) {
            store.addInboxMessage(message("m" + i, "usr_001", T0.plusSeconds(i)));
        }

        Page<InboxMessage> last = store.inbox("usr_001", false, false, PageRequest.of(3, 3));

        assertThat(last.items()).containsExactly(full);
        assertThat(last.total()).isEqualTo(7);
        assertThat(store.inbox("usr_001", false, false, PageRequest.of(1, 3)).items())
                .extracting(InboxMessage::id).containsExactly("m6", "m5", "m4");
    }

    @Test
    void addingAMessageWhoseIdExistsKeepsTheStoredOne() {
        store.addInboxMessage(message("m1", "usr_001", T0));
        store.markRead("m1", T0.plusSeconds(5));

        InboxMessage again = store.addInboxMessage(message("m1", "usr_001", T0));

        assertThat(again.readAt()).as("a retried delivery does not mark the message unread").isEqualTo(T0.plusSeconds(5));
        assertThat(store.inbox("usr_001", false, false, PageRequest.all()).items()).containsExactly(again);
    }

    // ==== engine checkpoint =======================================================================

    @Test
    void engineStateIsSavedAndReplaced() {
        assertThat(store.loadEngineState()).isEmpty();

        store.saveEngineState("{\"instances\":[1,2,3]}");
        assertThat(store.loadEngineState()).contains("{\"instances\":[1,2,3]}");

        String big = "x".repeat(200_000) + "ü";
        store.saveEngineState(big);
        assertThat(store.loadEngineState()).contains(big);

        store.saveEngineState("");
        assertThat(store.loadEngineState()).contains("");
    }

    // ==== fixtures ================================================================================

    /** A small valid rule with id {@code rule-NAME}. */
    protected static AlertRule rule(String name) {
        return AlertRule.named(name).id("rule-" + name)
                .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80).holdFor(Duration.ofMinutes(5)))
                .severity(Severity.HIGH)
                .build();
    }

    /** A rule with every field set to something other than its default. */
    protected static AlertRule fullRule() {
        Condition numeric = Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80.5)
                .holdFor(Duration.ofSeconds(90)).recoverAt(70).id("cpu").metricType("cpu.usagePercent").build();
        Condition range = Condition.max("gpu_temperature").over(Duration.ofMillis(1500)).outside(10, 85.25).id("gpu").build();
        Condition numbers = Condition.last("exit_code").compare(Operator.NOT_IN, Threshold.anyOf(0, 143)).id("exit").build();
        Condition state = Condition.last("vm_status").is("stopped").id("state").build();
        Condition states = Condition.last("vm_status").notIn("running", "booting").id("states").build();
        NotificationPolicy policy = NotificationPolicy.builder()
                .channel("email", new ChannelSettings(true, List.of("ops@example.com", "b@example.com"),
                        List.of("cc@example.com"), "tpl-mail", false, null, null, Map.of(), null))
                .channel("webhook", new ChannelSettings(true, List.of(), List.of(), null, true,
                        "https://hooks.example.com/a?b=c", "PUT", Map.of("X-Team", "ops", "X-Other", "1"),
                        Secret.of("hmac-key-1")))
                .settings("sms", ChannelSettings.to("+8613800000000").withEnabled(false))
                .escalation(List.of(EscalationLevel.after(Duration.ofMinutes(15), "sms"),
                        new EscalationLevel(Duration.ofHours(1), List.of(), List.of("boss@example.com"))))
                .escalationEnabled(true)
                .sendResolved(false)
                .fallbackChannel("inApp")
                .remindEvery(Duration.ofHours(4))
                .template("email", "tpl-x")
                .build();
        return AlertRule.named("everything \"quoted\" ü").id("rule-full")
                .description("line one\nline two")
                .scope(new Scope(ScopeType.VM, "vm_001", "web-server-01"))
                .labelMatchers(List.of(LabelMatcher.equal("env", "prod"),
                        LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-\\d+"),
                        LabelMatcher.of("zone", LabelMatcher.Type.NOT_EQUAL, ""),
                        LabelMatcher.of("rack", LabelMatcher.Type.NOT_REGEX, "r[0-9]")))
                .conditions(List.of(numeric, range, numbers, state, states))
                .logic(ConditionLogic.OR)
                .groupBy("host", "gpu")
                .enabled(false)
                .cooldown(Duration.ofMinutes(30))
                .severity(Severity.CRITICAL)
                .notifications(policy)
                .keepFiringFor(Duration.ofMinutes(2))
                .recoveryFor(Duration.ofSeconds(45))
                .noData(Duration.ofMinutes(10), NoDataPolicy.State.NO_DATA)
                .flapping(new FlapDetection(4, Duration.ofMinutes(10), Duration.ofMinutes(20)))
                .createdAt(T0).updatedAt(T0.plusMillis(1234))
                .createdBy("usr_001").updatedBy("usr_002")
                .build();
    }

    /** An active record of {@code ruleId} fired at {@code at}. */
    protected static AlertRecord record(String id, String ruleId, Severity severity, Instant at, Labels labels) {
        return new AlertRecord(id, ruleId, "name of " + ruleId, labels, "cpu_usage", severity, 91.5,
                Threshold.of(80), "avg(cpu_usage[5m]) >= 80", AlertStatus.ACTIVE, at, null, null, null, null, null,
                null, null, null, null, Map.of("memory_usage", 40.0), List.of(), 0, at, at, 0);
    }

    /** A resolved record with every field set. */
    protected static AlertRecord fullRecord(String id) {
        return new AlertRecord(id, "rule-full", "everything ü", Labels.of("vm", "vm_001", "env", "prod", "gpu", "0"),
                "gpu_temperature", Severity.CRITICAL, 91.25, Threshold.range(10, 85.5), "max(gpu_temperature[1m]) outside [10, 85.5]",
                AlertStatus.RESOLVED, T0, T0.plusSeconds(60), "usr_001", "Ops \"One\"", "on it\nreally",
                T0.plusSeconds(3600), "system", null, "recovered", 70.125,
                Map.of("gpu_power", 250.5, "gpu_util", 99.0, "weird name.with-dots", -1e-9),
                List.of(), 3, T0.minusMillis(1), T0.plusSeconds(3601), 0);
    }

    /** A pending notification due at its creation time. */
    protected static NotificationRecord notification(String id, String alertId, String method, String recipient,
                                                     Instant at) {
        return NotificationRecord.pending(id, alertId, alertId == null ? null : "rule-1", NotificationKind.FIRING,
                method, recipient, "subject " + id, "content " + id, at);
    }

    protected static InboxMessage message(String id, String recipient, Instant at) {
        return new InboxMessage(id, recipient, null, Severity.MEDIUM, "title " + id, "body " + id, at, null);
    }

    protected static NotificationConfig fullConfig() {
        return new NotificationConfig(
                new NotificationConfig.Smtp(true, "smtp.example.com", 587, NotificationConfig.SmtpSecurity.STARTTLS,
                        "alerts@example.com", Secret.of("smtp-pass-ü"), "alerts@example.com", "Vigil Alerts"),
                new NotificationConfig.Sms(true, "http", Secret.of("key-123"), Secret.of("secret-456"), "[Vigil]",
                        "https://sms.example.com/send?to={to}&text={message}"),
                Map.of("email", "tpl-email", "sms", "tpl-sms"),
                new NotificationConfig.DeliveryPolicy(5, Duration.ofSeconds(30), Duration.ofHours(2),
                        Duration.ofMinutes(10), new NotificationConfig.QuietHours(true, LocalTime.of(23, 0),
                        LocalTime.of(7, 30), ZoneId.of("Asia/Shanghai"), true)));
    }

    /**
     * Six records over six hours: r1 active high rule-a {vm_001, prod}; r2 resolved low rule-a;
     * r3 acknowledged critical rule-a {vm_001, dev}; r4 active low rule-b; r5 resolved high rule-b
     * {vm_001, prod}; r6 active critical rule-c.
     */
    private void givenRecordFixture() {
        Labels prod1 = Labels.of("vm", "vm_001", "env", "prod");
        store.createRecord(record("r1", "rule-a", Severity.HIGH, T0, prod1));
        AlertRecord r2 = store.createRecord(record("r2", "rule-a", Severity.LOW, T0.plusSeconds(3600),
                Labels.of("vm", "vm_002", "env", "prod")));
        store.updateRecord(r2.resolve(AlertRecord.SYSTEM, null, null, 1.0, T0.plusSeconds(3700)));
        AlertRecord r3 = store.createRecord(record("r3", "rule-a", Severity.CRITICAL, T0.plusSeconds(2 * 3600),
                Labels.of("vm", "vm_001", "env", "dev")));
        store.updateRecord(r3.acknowledge("usr_001", null, null, T0.plusSeconds(2 * 3600 + 5)));
        store.createRecord(record("r4", "rule-b", Severity.LOW, T0.plusSeconds(3 * 3600), Labels.of("host", "h1")));
        AlertRecord r5 = store.createRecord(record("r5", "rule-b", Severity.HIGH, T0.plusSeconds(4 * 3600), prod1));
        store.updateRecord(r5.resolve("usr_001", null, "fixed", null, T0.plusSeconds(4 * 3600 + 60)));
        store.createRecord(record("r6", "rule-c", Severity.CRITICAL, T0.plusSeconds(5 * 3600), Labels.empty()));
    }

    private static RecordQuery query(Set<AlertStatus> statuses, Set<Severity> severities, String ruleId,
                                     Map<String, String> labels, Instant from, Instant to) {
        return query(statuses, severities, ruleId, labels, from, to, PageRequest.all());
    }

    private static RecordQuery query(Set<AlertStatus> statuses, Set<Severity> severities, String ruleId,
                                     Map<String, String> labels, Instant from, Instant to, PageRequest page) {
        return new RecordQuery(statuses, severities, ruleId, labels, from, to, page);
    }

    private List<String> ruleNames(RuleQuery query) {
        return store.findRules(query).items().stream().map(AlertRule::name).toList();
    }

    private List<String> recordIds(RecordQuery query) {
        return store.findRecords(query).items().stream().map(AlertRecord::id).toList();
    }

    private List<String> notificationIds(NotificationQuery query) {
        return store.findNotifications(query).items().stream().map(NotificationRecord::id).toList();
    }

    private List<String> inboxIds(String user, boolean includeAdmins, boolean unreadOnly) {
        return store.inbox(user, includeAdmins, unreadOnly, PageRequest.all()).items().stream()
                .map(InboxMessage::id).toList();
    }

    protected static void assertFails(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AlertingException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    // ==== concurrency harness =====================================================================

    /** What one racing thread got: success, or the error code it failed with. */
    protected record Outcome(int thread, boolean succeeded, ErrorCode code) {
    }

    /** One racer's work, given its index. */
    @FunctionalInterface
    protected interface Racer<T> {
        T run(int thread) throws Exception;
    }

    /** One racer's work after the barrier, given its index and what it prepared before. */
    @FunctionalInterface
    protected interface Finisher<T> {
        Object run(int thread, T prepared) throws Exception;
    }

    /** Starts {@code threads} threads that all call {@code work} at the same moment. */
    protected static List<Outcome> race(int threads, Racer<?> work) throws Exception {
        return race(threads, i -> null, (i, ignored) -> work.run(i));
    }

    /**
     * Each thread runs {@code prepare}, waits until all have prepared, then runs {@code finish};
     * an {@link AlertingException} is an outcome, anything else fails the test.
     */
    protected static <T> List<Outcome> race(int threads, Racer<T> prepare, Finisher<T> finish) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Outcome> task = () -> {
                    T prepared = prepare.run(index);
                    barrier.await(THREAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    try {
                        finish.run(index, prepared);
                        return new Outcome(index, true, null);
                    } catch (AlertingException e) {
                        return new Outcome(index, false, e.code());
                    }
                };
                futures.add(pool.submit(task));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(THREAD_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOneWinnerOneConflict(List<Outcome> outcomes) {
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).extracting(Outcome::code)
                .containsExactly(ErrorCode.VERSION_CONFLICT);
    }

    private static int winner(List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::succeeded).findFirst().orElseThrow().thread();
    }
}
