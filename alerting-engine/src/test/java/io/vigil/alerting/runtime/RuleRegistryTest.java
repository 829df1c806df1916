package io.vigil.alerting.runtime;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleRegistryTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T10:00:00Z");
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final List<RuleEvent> events = new ArrayList<>();
    private final AtomicInteger idSeq = new AtomicInteger();
    private final Actor alice = new Actor("usr_001", "Alice");

    private RuleRegistry registry(RuleLimits limits) {
        return new RuleRegistry(store, clock, limits, () -> "rule_" + idSeq.incrementAndGet(), events::add);
    }

    private static AlertRule cpu(String name) {
        return AlertRule.named(name)
                .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80).holdFor(Duration.ofMinutes(5)))
                .severity(Severity.HIGH).build();
    }

    private static AlertRule onVm(String name, String vm) {
        return cpu(name).toBuilder().scope(Scope.vm(vm)).build();
    }

    @Test
    void createAssignsIdMetadataAndVersionAndAnnouncesIt() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        AlertRule stored = rules.create(cpu("cpu_high"), alice);

        assertThat(stored.id()).isEqualTo("rule_1");
        assertThat(stored.createdAt()).isEqualTo(clock.instant());
        assertThat(stored.createdBy()).isEqualTo("usr_001");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(rules.require("cpu_high")).isEqualTo(stored);
        assertThat(rules.require("rule_1")).isEqualTo(stored);
        assertThat(events).extracting(RuleEvent::kind).containsExactly(RuleEvent.Kind.CREATED);
    }

    @Test
    void duplicateNameIsAConflictAndStoresNothing() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        rules.create(cpu("cpu_high"), alice);

        assertThatThrownBy(() -> rules.create(cpu("cpu_high"), alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_NAME_CONFLICT));
        assertThat(rules.all()).hasSize(1);
        assertThat(events).hasSize(1);
    }

    @Test
    void limitsPerScopeObjectAndInAll() {
        RuleRegistry rules = registry(new RuleLimits(2, 3));
        rules.create(onVm("a", "vm_1"), alice);
        rules.create(onVm("b", "vm_1"), alice);
        assertThatThrownBy(() -> rules.create(onVm("c", "vm_1"), alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_LIMIT_EXCEEDED));
        rules.create(onVm("c", "vm_2"), alice);
        assertThatThrownBy(() -> rules.create(cpu("d"), alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_LIMIT_EXCEEDED));
        assertThat(rules.all()).extracting(AlertRule::name).containsExactly("a", "b", "c");
    }

    @Test
    void moving_a_rule_into_a_full_scope_is_refused() {
        RuleRegistry rules = registry(new RuleLimits(1, 10));
        rules.create(onVm("a", "vm_1"), alice);
        rules.create(onVm("b", "vm_2"), alice);
        assertThatThrownBy(() -> rules.update("b", r -> r.scope(Scope.vm("vm_1")), alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_LIMIT_EXCEEDED));
        assertThat(rules.require("b").scope()).isEqualTo(Scope.vm("vm_2"));
    }

    @Test
    void partialUpdateChangesOnlyWhatIsGivenAndKeepsCreationMetadata() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        AlertRule created = rules.create(cpu("cpu_high"), alice);
        clock.advance(Duration.ofMinutes(10));

        AlertRule updated = rules.update("cpu_high", b -> b.severity(Severity.CRITICAL).cooldown(Duration.ofMinutes(20)),
                new Actor("usr_002", "Bob"));

        assertThat(updated.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(updated.cooldown()).isEqualTo(Duration.ofMinutes(20));
        assertThat(updated.conditions()).isEqualTo(created.conditions());
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.createdBy()).isEqualTo("usr_001");
        assertThat(updated.updatedBy()).isEqualTo("usr_002");
        assertThat(updated.updatedAt()).isEqualTo(clock.instant());
        assertThat(updated.version()).isEqualTo(2);
    }

    @Test
    void replaceKeepsIdAndCreationButTakesEverythingElse() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        AlertRule created = rules.create(cpu("cpu_high"), alice);
        AlertRule replacement = cpu("cpu_renamed").toBuilder().enabled(false).build();

        AlertRule stored = rules.replace(created.id(), replacement, alice);

        assertThat(stored.id()).isEqualTo(created.id());
        assertThat(stored.name()).isEqualTo("cpu_renamed");
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.createdAt()).isEqualTo(created.createdAt());
        assertThat(rules.find("cpu_high")).isEmpty();
    }

    @Test
    void renamingOntoAnotherRulesNameIsAConflictAndChangesNothing() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        rules.create(cpu("a"), alice);
        AlertRule b = rules.create(cpu("b"), alice);
        assertThatThrownBy(() -> rules.update("b", r -> r.name("a"), alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_NAME_CONFLICT));
        assertThat(rules.require(b.id())).isEqualTo(b);
    }

    @Test
    void invalidPartialUpdateIsRejectedWithItsErrorsAndChangesNothing() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        AlertRule created = rules.create(cpu("cpu_high"), alice);
        assertThatThrownBy(() -> rules.update("cpu_high", r -> r.cooldown(Duration.ofSeconds(-1)), alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DURATION));
        assertThat(rules.require("cpu_high")).isEqualTo(created);
    }

    @Test
    void deleteRemovesAndUnknownIsNotFound() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        rules.create(cpu("cpu_high"), alice);
        rules.delete("cpu_high", alice);
        assertThat(rules.find("cpu_high")).isEmpty();
        assertThatThrownBy(() -> rules.delete("cpu_high", alice))
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_NOT_FOUND));
        assertThat(events).extracting(RuleEvent::kind).containsExactly(RuleEvent.Kind.CREATED, RuleEvent.Kind.DELETED);
    }

    @Test
    void batchStatusReportsEachFailure() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        AlertRule a = rules.create(cpu("a"), alice);
        AlertRule b = rules.create(cpu("b"), alice);

        BatchResult result = rules.setEnabled(List.of(a.id(), "rule_missing", b.id()), false, alice);

        assertThat(result.succeeded()).containsExactly(a.id(), b.id());
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("rule_missing");
            assertThat(f.code()).isEqualTo(ErrorCode.RULE_NOT_FOUND);
        });
        assertThat(rules.all()).allSatisfy(r -> assertThat(r.enabled()).isFalse());
    }

    @Test
    void importIsAllOrNothing() {
        RuleRegistry rules = registry(RuleLimits.defaults());
        rules.create(cpu("existing"), alice);

        ImportResult rejected = rules.importRules(List.of(cpu("new_1"), cpu("existing"), cpu("new_1")), false, alice);

        assertThat(rejected.isApplied()).isFalse();
        assertThat(rejected.errors()).containsOnlyKeys(1, 2);
        assertThat(rules.all()).extracting(AlertRule::name).containsExactly("existing");

        ImportResult applied = rules.importRules(List.of(cpu("new_1"), cpu("existing").toBuilder()
                .severity(Severity.LOW).build()), true, alice);
        assertThat(applied.isApplied()).isTrue();
        assertThat(rules.all()).extracting(AlertRule::name).containsExactly("existing", "new_1");
        assertThat(rules.require("existing").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void importOverTheLimitAppliesNothing() {
        RuleRegistry rules = registry(new RuleLimits(50, 2));
        rules.create(cpu("a"), alice);
        ImportResult result = rules.importRules(List.of(cpu("b"), cpu("c")), false, alice);
        assertThat(result.isApplied()).isFalse();
        assertThat(result.errors().values()).flatMap(l -> l).extracting(e -> e.code())
                .containsExactly(ErrorCode.RULE_LIMIT_EXCEEDED);
        assertThat(rules.all()).hasSize(1);
    }

    @Test
    void concurrentCreatesNeverExceedTheLimit() throws Exception {
        RuleRegistry rules = registry(new RuleLimits(50, 20));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5; i++) {
                    try {
                        rules.create(cpu("r_" + thread + "_" + i), alice);
                    } catch (AlertingException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.RULE_LIMIT_EXCEEDED);
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(rules.all()).hasSize(20);
        assertThat(refused.get()).isEqualTo(threads * 5 - 20);
    }
}
