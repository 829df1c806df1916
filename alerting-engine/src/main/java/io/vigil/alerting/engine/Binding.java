package io.vigil.alerting.engine;

/**
 * One condition of one rule applied to one series, feeding one instance. Holds the condition's
 * latest value on that series and whether it triggers, so that an instance learns of changes only.
 */
final class Binding {
    final SeriesHandle series;
    final CompiledCondition condition;
    final Instance instance;
    /** The window this condition reads, or {@code null} for {@code last} and state conditions. */
    final WindowView view;

    double value = Double.NaN;
    boolean triggers;
    boolean sustains;
    /** Whether this is the series' last binding of its instance: the instance settles after it. */
    boolean settlesInstance;

    Binding(SeriesHandle series, CompiledCondition condition, Instance instance, WindowView view) {
        this.series = series;
        this.condition = condition;
        this.instance = instance;
        this.view = view;
    }

    /** Reads the condition's value from the series as it stands and tells the instance what changed. */
    void refresh(long at) {
        boolean nowTriggers;
        boolean nowSustains;
        if (condition.comparesStates) {
            nowTriggers = condition.triggers(series.newestState);
            nowSustains = nowTriggers;
        } else {
            double v = view == null ? series.newestValue : view.value(condition.aggregationCode);
            value = v;
            nowTriggers = condition.triggers(v);
            nowSustains = nowTriggers || condition.hasRecoveryBand && condition.sustains(v);
        }
        if (nowTriggers != triggers) {
            triggers = nowTriggers;
            instance.triggerChanged(condition.index, nowTriggers, at);
        }
        if (nowSustains != sustains) {
            sustains = nowSustains;
            instance.sustainChanged(condition.index, nowSustains);
        }
    }

    ConditionValue describe() {
        CompiledCondition c = condition;
        String state = c.comparesStates ? series.newestState : null;
        return new ConditionValue(c.condition.id(), c.metric, c.comparesStates ? Double.NaN : value, state,
                c.condition.threshold(), triggers, c.text);
    }
}
