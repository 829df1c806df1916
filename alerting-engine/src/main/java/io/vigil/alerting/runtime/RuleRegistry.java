package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.ValidationError;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RuleQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The rule set (seed 003 rule management, seed 000 rules by name): create, read, update (full
 * and partial), delete, enable and disable, batches, import and export. Every change is stored
 * first, then takes effect in evaluation and is announced to listeners.
 *
 * <p>Changes are serialised by one lock so that limits and name uniqueness hold under
 * concurrency; reads go straight to the store.
 */
public final class RuleRegistry {
    private static final int UPDATE_ATTEMPTS = 5;

    private final AlertStore store;
    private final Clock clock;
    private final RuleLimits limits;
    private final Supplier<String> ids;
    private final Consumer<RuleEvent> onChange;
    private final Object writeLock = new Object();

    RuleRegistry(AlertStore store, Clock clock, RuleLimits limits, Supplier<String> ids, Consumer<RuleEvent> onChange) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
        this.ids = ids;
        this.onChange = onChange;
    }

    /**
     * Stores a new rule, giving it an id (unless it has one) and its creation metadata. Throws
     * {@link ErrorCode#RULE_NAME_CONFLICT} or {@link ErrorCode#RULE_LIMIT_EXCEEDED}.
     */
    public AlertRule create(AlertRule rule, Actor actor) {
        Objects.requireNonNull(rule, "rule");
        synchronized (writeLock) {
            List<AlertRule> existing = all();
            checkLimits(existing, List.of(rule));
            AlertRule stored = store.createRule(stamped(rule, actor, clock.instant()));
            onChange.accept(new RuleEvent(RuleEvent.Kind.CREATED, stored, actor, clock.instant()));
            return stored;
        }
    }

    private AlertRule stamped(AlertRule rule, Actor actor, Instant now) {
        return rule.toBuilder()
                .id(rule.id() != null ? rule.id() : ids.get())
                .createdAt(now).createdBy(actor.id())
                .updatedAt(now).updatedBy(actor.id())
                .version(0)
                .build();
    }

    /**
     * Replaces a rule with {@code rule} (seed 003 {@code PUT}); id, creation metadata and version
     * are kept from the stored rule.
     */
    public AlertRule replace(String id, AlertRule rule, Actor actor) {
        return change(id, current -> rule.toBuilder().createdAt(current.createdAt()).createdBy(current.createdBy()),
                actor);
    }

    /**
     * Changes a rule partially (seed 000 {@code PUT} sends only the changed fields):
     * {@code change} receives a builder holding the current rule. A concurrent change to the same
     * rule is detected by its version and {@code change} is re-applied to the newer rule.
     */
    public AlertRule update(String idOrName, UnaryOperator<AlertRule.Builder> change, Actor actor) {
        Objects.requireNonNull(change, "change");
        return change(idOrName, current -> change.apply(current.toBuilder()), actor);
    }

    private AlertRule change(String idOrName, Function<AlertRule, AlertRule.Builder> change, Actor actor) {
        synchronized (writeLock) {
            for (int attempt = 1; ; attempt++) {
                AlertRule current = require(idOrName);
                AlertRule changed = change.apply(current)
                        .id(current.id()).version(current.version())
                        .updatedAt(clock.instant()).updatedBy(actor.id())
                        .build();
                List<AlertRule> others = new ArrayList<>(all());
                others.removeIf(r -> r.id().equals(current.id()));
                checkLimits(others, List.of(changed));
                try {
                    AlertRule stored = store.updateRule(changed);
                    onChange.accept(new RuleEvent(RuleEvent.Kind.UPDATED, stored, actor, clock.instant()));
                    return stored;
                } catch (AlertingException e) {
                    // Another Vigil instance sharing the store changed it meanwhile: re-apply to the newer rule.
                    if (e.code() != ErrorCode.VERSION_CONFLICT || attempt == UPDATE_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Enables or disables one rule. */
    public AlertRule setEnabled(String idOrName, boolean enabled, Actor actor) {
        return update(idOrName, b -> b.enabled(enabled), actor);
    }

    /** Enables or disables many rules (seed 003 {@code rules/batch/status}); each failure is reported. */
    public BatchResult setEnabled(Collection<String> ids, boolean enabled, Actor actor) {
        List<String> ok = new ArrayList<>();
        List<BatchResult.Failure> failed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            try {
                setEnabled(id, enabled, actor);
                ok.add(id);
            } catch (AlertingException e) {
                failed.add(new BatchResult.Failure(id, e.code(), e.getMessage()));
            }
        }
        return new BatchResult(ok, failed);
    }

    /** Deletes a rule; its records stay. Throws {@link ErrorCode#RULE_NOT_FOUND}. */
    public AlertRule delete(String idOrName, Actor actor) {
        synchronized (writeLock) {
            AlertRule current = require(idOrName);
            store.deleteRule(current.id());
            onChange.accept(new RuleEvent(RuleEvent.Kind.DELETED, current, actor, clock.instant()));
            return current;
        }
    }

    /** The rule with this id, or else with this name. */
    public Optional<AlertRule> find(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        Optional<AlertRule> byId = store.findRule(idOrName);
        return byId.isPresent() ? byId : store.findRuleByName(idOrName);
    }

    /** Like {@link #find} but throws {@link ErrorCode#RULE_NOT_FOUND}. */
    public AlertRule require(String idOrName) {
        return find(idOrName).orElseThrow(() -> AlertingException.ruleNotFound(idOrName));
    }

    public Page<AlertRule> list(RuleQuery query) {
        return store.findRules(query);
    }

    /** Every rule, ordered by name. */
    public List<AlertRule> all() {
        List<AlertRule> result = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<AlertRule> p = store.findRules(new RuleQuery(null, null, null, null,
                    PageRequest.of(page, PageRequest.MAX_PAGE_SIZE)));
            result.addAll(p.items());
            if (page >= p.totalPages()) {
                return result;
            }
        }
    }

    /** The rules with these ids or names (all rules for an empty list), for export. */
    public List<AlertRule> export(Collection<String> idsOrNames) {
        if (idsOrNames == null || idsOrNames.isEmpty()) {
            return all();
        }
        List<AlertRule> out = new ArrayList<>();
        for (String key : idsOrNames) {
            out.add(require(key));
        }
        return out;
    }

    /**
     * Imports rules all or nothing: every rule is checked first (names unique among themselves and
     * against stored rules unless {@code replaceExisting}, limits); only if all pass are they
     * stored. A rule whose name exists is replaced when {@code replaceExisting}.
     */
    public ImportResult importRules(List<AlertRule> rules, boolean replaceExisting, Actor actor) {
        synchronized (writeLock) {
            Map<Integer, List<ValidationError>> errors = new LinkedHashMap<>();
            List<AlertRule> existing = all();
            Map<String, AlertRule> byName = new HashMap<>();
            existing.forEach(r -> byName.put(r.name(), r));
            Set<String> seen = new HashSet<>();
            List<AlertRule> survivors = new ArrayList<>(existing);
            for (int i = 0; i < rules.size(); i++) {
                AlertRule r = rules.get(i);
                if (!seen.add(r.name())) {
                    errors.computeIfAbsent(i, k -> new ArrayList<>()).add(new ValidationError(
                            ErrorCode.RULE_NAME_CONFLICT, "name", "the import holds two rules named '" + r.name() + "'"));
                } else if (byName.containsKey(r.name())) {
                    if (replaceExisting) {
                        survivors.remove(byName.get(r.name()));
                    } else {
                        errors.computeIfAbsent(i, k -> new ArrayList<>()).add(new ValidationError(
                                ErrorCode.RULE_NAME_CONFLICT, "name", "a rule named '" + r.name() + "' exists"));
                    }
                }
            }
            if (errors.isEmpty()) {
                try {
                    checkLimits(survivors, rules);
                } catch (AlertingException e) {
                    errors.put(-1, e.errors());
                }
            }
            if (!errors.isEmpty()) {
                return new ImportResult(List.of(), errors);
            }
            return new ImportResult(applyImport(rules, byName, actor), Map.of());
        }
    }

    private List<AlertRule> applyImport(List<AlertRule> rules, Map<String, AlertRule> byName, Actor actor) {
        List<AlertRule> applied = new ArrayList<>();
        List<AlertRule> undo = new ArrayList<>(); // previous versions of replaced rules, or new rules to delete
        try {
            for (AlertRule r : rules) {
                AlertRule previous = byName.get(r.name());
                AlertRule stored;
                if (previous == null) {
                    stored = store.createRule(stamped(r, actor, clock.instant()));
                    undo.add(stored);
                } else {
                    stored = store.updateRule(r.toBuilder().id(previous.id()).createdAt(previous.createdAt())
                            .createdBy(previous.createdBy()).updatedAt(clock.instant()).updatedBy(actor.id())
                            .version(previous.version()).build());
                    undo.add(previous.toBuilder().version(stored.version()).build());
                }
                applied.add(stored);
            }
        } catch (RuntimeException e) {
            rollBack(undo, byName);
            throw e;
        }
        Instant now = clock.instant();
        for (AlertRule stored : applied) {
            RuleEvent.Kind kind = byName.containsKey(stored.name()) ? RuleEvent.Kind.UPDATED : RuleEvent.Kind.CREATED;
            onChange.accept(new RuleEvent(kind, stored, actor, now));
        }
        return applied;
    }

    /** Best-effort undo of a half-applied import after a store failure. */
    private void rollBack(List<AlertRule> undo, Map<String, AlertRule> byName) {
        for (AlertRule r : undo) {
            try {
                if (byName.containsKey(r.name())) {
                    store.updateRule(r);
                } else {
                    store.deleteRule(r.id());
                }
            } catch (RuntimeException ignored) {
                // The original failure is what the caller needs to see.
            }
        }
    }

    private void checkLimits(List<AlertRule> existing, List<AlertRule> added) {
        int total = existing.size() + added.size();
        if (total > limits.total()) {
            throw new AlertingException(ErrorCode.RULE_LIMIT_EXCEEDED,
                    "at most " + limits.total() + " rules are allowed in all; this would make " + total);
        }
        Map<String, Integer> perScope = new HashMap<>();
        for (AlertRule r : existing) {
            count(perScope, r);
        }
        for (AlertRule r : added) {
            count(perScope, r);
        }
        for (Map.Entry<String, Integer> e : perScope.entrySet()) {
            if (e.getValue() > limits.perScopeObject()) {
                throw new AlertingException(ErrorCode.RULE_LIMIT_EXCEEDED, "at most " + limits.perScopeObject()
                        + " rules are allowed per scope object; " + e.getKey() + " would have " + e.getValue());
            }
        }
    }

    private static void count(Map<String, Integer> perScope, AlertRule r) {
        if (r.scope().type() != ScopeType.GLOBAL) {
            perScope.merge(r.scope().type().wireName() + " '" + r.scope().id() + "'", 1, Integer::sum);
        }
    }
}
