package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationTest {
    private static final Labels HOST_A = Labels.of("host", "a");

    private static AlertRule.Builder escalating() {
        return Recorder.simple("r", Condition.last("cpu_usage").above(80))
                .notifications(NotificationPolicy.builder().channels("email")
                        .escalation(List.of(new EscalationLevel(Duration.ofMinutes(10), List.of("sms"), List.of("oncall")),
                                EscalationLevel.after(Duration.ofMinutes(30), "webhook")))
                        .escalationEnabled(true).build());
    }

    @Test
    void eachLevelEscalatesAtItsDelayWithItsChannelsAndRecipients() {
        Recorder r = Recorder.noFloors().rule(escalating());
        r.sample("cpu_usage", 0, 90).advance(10 * M - 1);
        assertThat(r.events()).containsExactly("FIRING@0m");
        r.advance(60 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "ESCALATED@10m", "ESCALATED@30m");
        AlertTransition first = r.transitions.get(1);
        assertThat(first.escalationLevel()).isEqualTo(1);
        assertThat(first.escalation().channels()).containsExactly("sms");
        assertThat(first.escalation().recipients()).containsExactly("oncall");
        assertThat(r.last().escalationLevel()).isEqualTo(2);
    }

    @Test
    void disabledEscalationDoesNothing() {
        Recorder r = Recorder.noFloors().rule(escalating().notifications(
                escalating().build().notifications().toBuilder().escalationEnabled(false).build()));
        r.sample("cpu_usage", 0, 90).advance(60 * M);
        assertThat(r.events()).containsExactly("FIRING@0m");
    }

    @Test
    void acknowledgingStopsEscalationAndReminders() {
        Recorder r = Recorder.noFloors().rule(escalating().notifications(escalating().build().notifications()
                .toBuilder().remindEvery(Duration.ofMinutes(15)).build()));
        r.sample("cpu_usage", 0, 90).advance(12 * M);
        assertThat(r.engine.acknowledge("r", HOST_A)).isTrue();
        r.advance(120 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "ESCALATED@10m");
    }

    @Test
    void aResolvedAlertStopsEscalatingAndTheNextFiringStartsOver() {
        Recorder r = Recorder.noFloors().rule(escalating());
        r.sample("cpu_usage", 0, 90).sample("cpu_usage", 5 * M, 10).sample("cpu_usage", 20 * M, 90).advance(40 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "RESOLVED@5m", "FIRING@20m", "ESCALATED@30m");
    }

    @Test
    void remindersRepeatAtTheRulesIntervalButNoMoreOftenThanTheFloor() {
        Recorder own = Recorder.noFloors().rule(Recorder.simple("r", Condition.last("cpu_usage").above(80))
                .notifications(NotificationPolicy.builder().remindEvery(Duration.ofMinutes(20)).build()));
        own.sample("cpu_usage", 0, 90).advance(65 * M);
        assertThat(own.events()).containsExactly("FIRING@0m", "REMINDER@20m", "REMINDER@40m", "REMINDER@60m");

        Recorder floored = new Recorder(EngineSettings.defaults()).rule(Recorder.simple("r",
                Condition.last("cpu_usage").above(80)).notifications(
                NotificationPolicy.builder().remindEvery(Duration.ofMinutes(1)).build()));
        floored.sample("cpu_usage", 0, 90).advance(31 * M);
        assertThat(floored.events()).containsExactly("FIRING@0m", "REMINDER@15m", "REMINDER@30m");
    }

    @Test
    void aManualResolveStopsEscalationAndAStillHoldingConditionWaitsForTheCooldown() {
        Recorder r = new Recorder(EngineSettings.defaults()).rule(escalating().cooldown(Duration.ofMinutes(15)));
        r.sample("cpu_usage", 0, 90).advance(5 * M);
        assertThat(r.engine.resolve("r", HOST_A, Recorder.T0 + 5 * M, r)).isTrue();
        assertThat(r.engine.resolve("r", HOST_A, Recorder.T0 + 5 * M, r)).isFalse();
        r.advance(15 * M - 1);
        assertThat(r.events()).containsExactly("FIRING@0m", "PENDING@5m");
        r.advance(15 * M);
        assertThat(r.events()).containsExactly("FIRING@0m", "PENDING@5m", "FIRING@15m");
    }
}
