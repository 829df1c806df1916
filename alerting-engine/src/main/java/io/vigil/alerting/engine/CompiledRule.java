package io.vigil.alerting.engine;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.NotificationPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rule with every duration turned into milliseconds and the engine's floors applied, plus its instances. */
final class CompiledRule {
    final AlertRule rule;
    final String id;
    final CompiledCondition[] conditions;
    final boolean and;
    final long cooldownMillis;
    final long keepFiringMillis;
    final long recoveryForMillis;
    /** Longest hold time of any condition: what a no-data "alerting" state waits before firing. */
    final long maxHoldMillis;
    final NoDataPolicy.State noDataState;
    /** 0 when the rule has no no-data policy. */
    final long noDataAfterMillis;
    final FlapDetection flapping;
    final EscalationLevel[] escalation;
    final long[] escalationDelays;
    /** 0 for no reminders. */
    final long reminderMillis;
    final String conditionText;
    /** Instances by their labels; insertion-ordered so that exports and evaluations read stably. */
    final Map<Labels, Instance> instances = new LinkedHashMap<>();
    final Counters counters;

    CompiledRule(AlertRule rule, EngineSettings settings, Counters counters) {
        this.rule = rule;
        this.counters = counters;
        this.id = rule.id();
        this.and = rule.logic() == ConditionLogic.AND;
        this.conditions = new CompiledCondition[rule.conditions().size()];
        long maxHold = 0;
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = new CompiledCondition(rule.conditions().get(i), this, i);
            maxHold = Math.max(maxHold, conditions[i].holdMillis);
        }
        this.maxHoldMillis = maxHold;
        this.cooldownMillis = Math.max(rule.cooldown().toMillis(), settings.cooldownFloor().toMillis());
        this.keepFiringMillis = rule.keepFiringFor().toMillis();
        this.recoveryForMillis = rule.recoveryFor().toMillis();
        NoDataPolicy noData = rule.noData();
        this.noDataState = noData == null ? null : noData.state();
        this.noDataAfterMillis = noData == null ? 0 : noData.after().toMillis();
        this.flapping = rule.flapping() != null ? rule.flapping() : settings.defaultFlapDetection();
        NotificationPolicy notifications = rule.notifications();
        List<EscalationLevel> levels = notifications.escalationEnabled() ? notifications.escalation() : List.of();
        this.escalation = levels.toArray(new EscalationLevel[0]);
        this.escalationDelays = new long[escalation.length];
        for (int i = 0; i < escalation.length; i++) {
            escalationDelays[i] = escalation[i].delay().toMillis();
        }
        Duration reminder = notifications.reminderInterval();
        this.reminderMillis = reminder == null ? 0
                : Math.max(reminder.toMillis(), settings.minReminderInterval().toMillis());
        this.conditionText = rule.describeConditions();
    }

    /** The instance a series with these labels belongs to: joined on {@code groupBy} if given, else on all labels. */
    Labels instanceKey(Labels seriesLabels) {
        return rule.groupBy().isEmpty() ? seriesLabels : seriesLabels.keep(rule.groupBy());
    }

    Instance instance(Labels key) {
        return instances.computeIfAbsent(key, k -> new Instance(this, k));
    }
}
