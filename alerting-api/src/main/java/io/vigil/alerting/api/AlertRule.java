package io.vigil.alerting.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An alert rule: which series it watches, the conditions that make it fire, how it avoids noise
 * and whom it tells. Every instance is valid: the constructor checks everything and reports every
 * problem at once in an {@link AlertingException}.
 *
 * <pre>{@code
 * AlertRule cpu = AlertRule.named("cpu_usage_high")
 *     .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80).holdFor(Duration.ofMinutes(5)))
 *     .severity(Severity.HIGH)
 *     .notify(Channels.EMAIL, Channels.DISCORD)
 *     .cooldown(Duration.ofMinutes(30))
 *     .build();
 * }</pre>
 *
 * @param id            stable id, or {@code null} before the rule is registered
 * @param name          unique, human-readable name (seed 000 keys rules by it)
 * @param description   free text, or {@code null}
 * @param scope         what the rule applies to
 * @param labelMatchers further conditions on series labels (seed 000 {@code tags})
 * @param conditions    at least one; ids unique within the rule
 * @param logic         how conditions combine
 * @param groupBy       labels that conditions are joined on; empty joins on all labels but the metric name
 * @param enabled       disabled rules are kept but not evaluated
 * @param cooldown      minimum time between two firings of one instance
 * @param severity      how bad it is
 * @param notifications who is told
 * @param keepFiringFor how long an instance keeps firing after its conditions stop holding
 * @param recoveryFor   how long conditions must stay false before a firing instance resolves
 * @param noData        what a silent series means, or {@code null} to ignore silence
 * @param flapping      flap detection, or {@code null} for none
 * @param createdAt     when created, or {@code null}
 * @param updatedAt     when last changed, or {@code null}
 * @param createdBy     who created it, or {@code null}
 * @param updatedBy     who last changed it, or {@code null}
 * @param version       optimistic-concurrency version, incremented by stores on each update
 */
public record AlertRule(String id, String name, String description, Scope scope, List<LabelMatcher> labelMatchers,
                        List<Condition> conditions, ConditionLogic logic, List<String> groupBy, boolean enabled,
                        Duration cooldown, Severity severity, NotificationPolicy notifications,
                        Duration keepFiringFor, Duration recoveryFor, NoDataPolicy noData, FlapDetection flapping,
                        Instant createdAt, Instant updatedAt, String createdBy, String updatedBy, long version) {

    /** Seed 003: cooldown defaults to 300 seconds. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);
    /**
     * The longest duration any rule or notification setting accepts (ten years). Longer ones are
     * mistakes, and would overflow the engine's millisecond arithmetic.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);
    /** The longest name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    public AlertRule {
        labelMatchers = labelMatchers == null ? List.of() : List.copyOf(labelMatchers);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        scope = scope == null ? Scope.global() : scope;
        logic = logic == null ? ConditionLogic.AND : logic;
        notifications = notifications == null ? NotificationPolicy.none() : notifications;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
        recoveryFor = recoveryFor == null ? Duration.ZERO : recoveryFor;
        Problems p = new Problems();
        check(id, name, conditions.size(), cooldown, severity, keepFiringFor, recoveryFor, groupBy, p);
        checkConditionIds(conditions, p);
        p.throwIfAny();
    }

    private static void check(String id, String name, int conditionCount, Duration cooldown, Severity severity,
                              Duration keepFiringFor, Duration recoveryFor, List<String> groupBy, Problems p) {
        if (id != null && (id.isBlank() || id.length() > 100 || hasControlCharacter(id))) {
            p.add(ErrorCode.INVALID_FIELD, "id", "must be 1 to 100 printable characters");
        }
        if (name == null || name.isBlank()) {
            p.add(ErrorCode.MISSING_FIELD, "name", "must not be empty");
        } else if (name.length() > MAX_NAME_LENGTH || hasControlCharacter(name)) {
            p.add(ErrorCode.INVALID_FIELD, "name", "must be at most " + MAX_NAME_LENGTH + " printable characters");
        }
        if (conditionCount == 0) {
            p.add(ErrorCode.MISSING_FIELD, "conditions", "a rule needs at least one condition");
        }
        if (cooldown == null) {
            p.add(ErrorCode.MISSING_FIELD, "cooldown", "a cooldown is required (zero for none)");
        } else {
            p.requireNonNegative(cooldown, "cooldown");
        }
        if (severity == null) {
            p.add(ErrorCode.MISSING_FIELD, "severity", "one of low, medium, high, critical");
        }
        p.requireNonNegative(keepFiringFor, "keepFiringFor");
        p.requireNonNegative(recoveryFor, "recoveryFor");
        for (int i = 0; i < groupBy.size(); i++) {
            String label = groupBy.get(i);
            if (label == null || label.isBlank()) {
                p.add(ErrorCode.INVALID_FIELD, "groupBy[" + i + "]", "a label name must not be empty");
            }
        }
    }

    private static void checkConditionIds(List<Condition> conditions, Problems p) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            if (!seen.add(conditions.get(i).id())) {
                p.add(ErrorCode.INVALID_CONDITION, "conditions[" + i + "].id",
                        "condition id '" + conditions.get(i).id() + "' is used twice in this rule");
            }
        }
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a series with these labels is in this rule's scope and passes its label matchers. */
    public boolean targets(Labels labels) {
        if (!scope.matches(labels)) {
            return false;
        }
        for (LabelMatcher m : labelMatchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The conditions' texts joined by the rule's logic: {@code avg(cpu_usage[5m]) >= 80 for 5m}. */
    public String describeConditions() {
        StringBuilder sb = new StringBuilder();
        for (Condition c : conditions) {
            if (sb.length() > 0) {
                sb.append(' ').append(logic.wireName()).append(' ');
            }
            sb.append(c.describe());
        }
        return sb.toString();
    }

    public AlertRule withId(String newId) {
        return toBuilder().id(newId).build();
    }

    public AlertRule withEnabled(boolean newEnabled) {
        return toBuilder().enabled(newEnabled).build();
    }

    /** A copy whose channel secrets are replaced, safe to show or export. */
    public AlertRule redacted() {
        return toBuilder().notifications(notifications.redacted()).build();
    }

    /** Starts a rule with this name. */
    public static Builder named(String name) {
        return new Builder().name(name);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().id(id).name(name).description(description).scope(scope).logic(logic)
                .enabled(enabled).cooldown(cooldown).severity(severity).notifications(notifications)
                .keepFiringFor(keepFiringFor).recoveryFor(recoveryFor).noData(noData).flapping(flapping)
                .createdAt(createdAt).updatedAt(updatedAt).createdBy(createdBy).updatedBy(updatedBy).version(version);
        b.labelMatchers.addAll(labelMatchers);
        b.conditions.addAll(conditions);
        b.groupBy.addAll(groupBy);
        return b;
    }

    /** A fluent builder. Conditions may be given built or as builders; {@link #build()} checks them all. */
    public static final class Builder {
        private String id;
        private String name;
        private String description;
        private Scope scope = Scope.global();
        private final List<LabelMatcher> labelMatchers = new ArrayList<>();
        private final List<Object> conditions = new ArrayList<>(); // Condition or Condition.Builder
        private ConditionLogic logic = ConditionLogic.AND;
        private final List<String> groupBy = new ArrayList<>();
        private boolean enabled = true;
        private Duration cooldown = DEFAULT_COOLDOWN;
        private Severity severity = Severity.MEDIUM;
        private NotificationPolicy notifications = NotificationPolicy.none();
        private Duration keepFiringFor = Duration.ZERO;
        private Duration recoveryFor = Duration.ZERO;
        private NoDataPolicy noData;
        private FlapDetection flapping;
        private Instant createdAt;
        private Instant updatedAt;
        private String createdBy;
        private String updatedBy;
        private long version;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder scope(Scope scope) { this.scope = scope; return this; }
        public Builder logic(ConditionLogic logic) { this.logic = logic; return this; }
        public Builder enabled(boolean enabled) { this.enabled = enabled; return this; }
        public Builder cooldown(Duration cooldown) { this.cooldown = cooldown; return this; }
        public Builder severity(Severity severity) { this.severity = severity; return this; }
        public Builder notifications(NotificationPolicy notifications) { this.notifications = notifications; return this; }
        public Builder keepFiringFor(Duration keepFiringFor) { this.keepFiringFor = keepFiringFor; return this; }
        public Builder recoveryFor(Duration recoveryFor) { this.recoveryFor = recoveryFor; return this; }
        public Builder noData(NoDataPolicy noData) { this.noData = noData; return this; }
        public Builder flapping(FlapDetection flapping) { this.flapping = flapping; return this; }
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        public Builder createdBy(String createdBy) { this.createdBy = createdBy; return this; }
        public Builder updatedBy(String updatedBy) { this.updatedBy = updatedBy; return this; }
        public Builder version(long version) { this.version = version; return this; }

        public Builder describedAs(String text) {
            return description(text);
        }

        /** Adds a condition. */
        public Builder when(Condition.Builder condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /** Adds a condition. */
        public Builder when(Condition condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /** Adds a condition that must hold together with the others. */
        public Builder and(Condition.Builder condition) {
            logic = ConditionLogic.AND;
            return when(condition);
        }

        /** Adds a condition any one of which suffices. */
        public Builder or(Condition.Builder condition) {
            logic = ConditionLogic.OR;
            return when(condition);
        }

        public Builder conditions(List<Condition> list) {
            conditions.clear();
            conditions.addAll(list);
            return this;
        }

        /** Requires the label {@code name} to equal {@code value} (seed 000 {@code tags}). */
        public Builder where(String labelName, String value) {
            labelMatchers.add(LabelMatcher.equal(labelName, value));
            return this;
        }

        public Builder labelMatchers(List<LabelMatcher> matchers) {
            labelMatchers.clear();
            labelMatchers.addAll(matchers);
            return this;
        }

        public Builder groupBy(String... labels) {
            groupBy.clear();
            groupBy.addAll(List.of(labels));
            return this;
        }

        public Builder groupBy(List<String> labels) {
            groupBy.clear();
            groupBy.addAll(labels);
            return this;
        }

        /** Notifies these channels with their default settings. */
        public Builder notify(String... channels) {
            notifications = notifications.toBuilder().channels(channels).build();
            return this;
        }

        public Builder noData(Duration after, NoDataPolicy.State state) {
            return noData(new NoDataPolicy(after, state));
        }

        /**
         * Builds the rule, or throws an {@link AlertingException} listing every problem, each
         * with its path ({@code conditions[1].threshold}, {@code cooldown}, ...).
         */
        public AlertRule build() {
            Problems p = new Problems();
            List<Condition> built = new ArrayList<>();
            for (int i = 0; i < conditions.size(); i++) {
                Object c = conditions.get(i);
                String defaultId = "cond_" + (i + 1);
                if (c instanceof Condition.Builder cb) {
                    List<ValidationError> errors = cb.problems(defaultId);
                    if (errors.isEmpty()) {
                        built.add(cb.build(defaultId));
                    } else {
                        p.addAll(errors, "conditions[" + i + "]");
                    }
                } else {
                    built.add((Condition) c);
                }
            }
            check(id, name, conditions.size(), cooldown, severity, keepFiringFor == null ? Duration.ZERO : keepFiringFor,
                    recoveryFor == null ? Duration.ZERO : recoveryFor, groupBy, p);
            if (p.isEmpty()) {
                checkConditionIds(built, p);
            }
            p.throwIfAny();
            return new AlertRule(id, name, description, scope, labelMatchers, built, logic, groupBy, enabled, cooldown,
                    severity, notifications, keepFiringFor, recoveryFor, noData, flapping, createdAt, updatedAt,
                    createdBy, updatedBy, version);
        }
    }
}
