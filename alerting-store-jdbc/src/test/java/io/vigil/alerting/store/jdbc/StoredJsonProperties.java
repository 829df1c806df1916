package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.Threshold;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever the store writes as JSON it reads back equal, secrets included, and the same value always gives the same text. */
class StoredJsonProperties {

    @Property(tries = 500)
    void rulesRoundTrip(@ForAll("rules") AlertRule rule) {
        String json = RuleJson.write(rule);
        AlertRule back = RuleJson.read(json);

        assertThat(back).isEqualTo(rule);
        assertThat(RuleJson.write(back)).as("canonical").isEqualTo(json);
        rule.notifications().settings().forEach((channel, s) -> {
            if (s.secret() != null) {
                assertThat(back.notifications().settings().get(channel).secret().reveal()).isEqualTo(s.secret().reveal());
            }
        });
    }

    @Property(tries = 300)
    void notificationConfigsRoundTrip(@ForAll("configs") NotificationConfig config) {
        String json = ConfigJson.write(config);
        NotificationConfig back = ConfigJson.read(json);

        assertThat(back).isEqualTo(config);
        assertThat(ConfigJson.write(back)).isEqualTo(json);
        if (config.email() != null && config.email().password() != null) {
            assertThat(back.email().password().reveal()).isEqualTo(config.email().password().reveal());
        }
    }

    @Property(tries = 500)
    void thresholdsRoundTripIncludingNonFiniteNumbers(@ForAll("thresholds") Threshold threshold) {
        assertThat(ValueJson.thresholdFromText(ValueJson.thresholdText(threshold))).isEqualTo(threshold);
    }

    @Property(tries = 300)
    void labelsAndSnapshotsRoundTrip(@ForAll("labels") Labels labels, @ForAll("snapshots") Map<String, Double> snapshot) {
        assertThat(ValueJson.labelsFromText(ValueJson.labelsText(labels))).isEqualTo(labels);
        assertThat(ValueJson.snapshotFromText(ValueJson.snapshotText(snapshot))).isEqualTo(snapshot);
    }

    @Example
    void anUnknownThresholdTypeIsAStoreError() {
        assertThatThrownBy(() -> ValueJson.thresholdFromText("{\"type\":\"banana\"}"))
                .isInstanceOf(StoreException.class).hasMessageContaining("banana");
    }

    @Example
    void secretsAreStoredAsGiven() {
        String json = ConfigJson.write(new NotificationConfig(new NotificationConfig.Smtp(true, "h", 25,
                NotificationConfig.SmtpSecurity.NONE, "u", io.vigil.alerting.api.Secret.of("p@ss"), "f@x", null),
                null, null, null));

        assertThat(json).contains("\"password\":\"p@ss\"");
    }

    @Provide
    Arbitrary<AlertRule> rules() {
        return ModelArbitraries.rule();
    }

    @Provide
    Arbitrary<NotificationConfig> configs() {
        return ModelArbitraries.config();
    }

    @Provide
    Arbitrary<Threshold> thresholds() {
        return ModelArbitraries.threshold();
    }

    @Provide
    Arbitrary<Labels> labels() {
        return ModelArbitraries.labels();
    }

    @Provide
    Arbitrary<Map<String, Double>> snapshots() {
        return Arbitraries.maps(ModelArbitraries.nonBlank(), ModelArbitraries.anyDouble()).ofMaxSize(5);
    }
}
