package io.vigil.alerting.engine;

import static io.vigil.alerting.engine.Recorder.M;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.NotificationPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StateExportTest {

    private static AlertRule rule() {
        return Recorder.simple("r", Condition.last("cpu_usage").above(80).holdFor(Duration.ofMinutes(5)))
                .cooldown(Duration.ofMinutes(30))
                .notifications(NotificationPolicy.builder().escalateAfter(Duration.ofMinutes(20), "sms").build())
                .build();
    }

    private static Recorder restarted(EngineState state) {
        Recorder r = Recorder.noFloors();
        r.engine.putRule(rule());
        r.engine.importState(state);
        return r;
    }

    @Test
    void aRestartDoesNotResetAHoldTime() {
        Recorder before = Recorder.noFloors();
        before.engine.putRule(rule());
        before.sample("cpu_usage", 0, 90).advance(3 * M);
        Recorder after = restarted(before.engine.exportState());
        after.sample("cpu_usage", 4 * M, 91).advance(10 * M);
        assertThat(after.events()).containsExactly("FIRING@5m");
    }

    @Test
    void aRestartDoesNotReFireAFiringAlertAndKeepsItsTimers() {
        Recorder before = Recorder.noFloors();
        before.engine.putRule(rule());
        before.sample("cpu_usage", 0, 90).advance(10 * M);
        assertThat(before.events()).containsExactly("PENDING@0m", "FIRING@5m");
        EngineState state = before.engine.exportState();
        assertThat(state.instances()).hasSize(1);
        InstanceSnapshot snapshot = state.instances().get(0);
        assertThat(snapshot.state()).isEqualTo(InstanceState.FIRING);
        assertThat(snapshot.firingSince()).isEqualTo(Recorder.T0 + 5 * M);

        Recorder after = restarted(state);
        after.advance(25 * M - 1);
        assertThat(after.events()).isEmpty();
        after.advance(25 * M);   // escalation runs on without data
        assertThat(after.events()).containsExactly("ESCALATED@25m");
        after.sample("cpu_usage", 26 * M, 95).sample("cpu_usage", 27 * M, 10).sample("cpu_usage", 28 * M, 95);
        after.advance(50 * M);
        // resolved at 27m; the re-trigger waits for the cooldown counted from the firing before the restart
        assertThat(after.events()).containsExactly("ESCALATED@25m", "RESOLVED@27m", "PENDING@28m", "FIRING@35m");
    }

    @Test
    void aRestoredPendingInstanceWhoseConditionNoLongerHoldsIsCancelled() {
        Recorder before = Recorder.noFloors();
        before.engine.putRule(rule());
        before.sample("cpu_usage", 0, 90);
        Recorder after = restarted(before.engine.exportState());
        after.advance(10 * M);
        assertThat(after.events()).isEmpty();   // waits for data rather than deciding without it
        after.sample("cpu_usage", 11 * M, 10);
        assertThat(after.events()).containsExactly("CANCELLED@11m");
    }

    @Test
    void exportAndImportRoundTrip() {
        Recorder before = Recorder.noFloors();
        before.engine.putRule(rule());
        before.sample("cpu_usage", 0, 90).advance(30 * M);
        before.engine.acknowledge("r", io.vigil.alerting.api.Labels.of("host", "a"));
        EngineState state = before.engine.exportState();
        assertThat(restarted(state).engine.exportState()).isEqualTo(state);
    }
}
