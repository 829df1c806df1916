package io.vigil.examples.server;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.spi.RecordQuery;
import io.vigil.alerting.testing.ManualClock;
import io.vigil.examples.server.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ready rules file of seed 000's scenarios ({@code examples/rules/seed000-scenarios.yaml}),
 * loaded the way the server loads {@code rules.file}: each rule fires on a scripted series exactly
 * when its value has been past the threshold for the rule's duration, and resolves when the value
 * returns.
 */
class Seed000ScenariosTest {
    static final Path SCENARIOS = Path.of("rules", "seed000-scenarios.yaml");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);

    private final ManualClock clock = new ManualClock(T0);
    private final Alerting alerting = Alerting.builder().clock(clock).hostLabels(Labels.of("host", "test")).build();

    @AfterEach
    void close() {
        alerting.close();
    }

    static Stream<Arguments> scenarios() {
        // rule, metric, a normal value, a value past the threshold, the hold time, severity
        return Stream.of(
                Arguments.of("cpu_usage_high", "cpu_usage", 35.0, 92.0, 5, Severity.HIGH),
                Arguments.of("memory_usage_critical", "memory_usage", 60.0, 95.5, 2, Severity.CRITICAL),
                Arguments.of("disk_space_low", "disk_free_percent", 40.0, 4.0, 1, Severity.CRITICAL),
                Arguments.of("api_response_slow", "response_time_ms", 180.0, 2600.0, 3, Severity.MEDIUM),
                Arguments.of("error_rate_high", "error_rate", 0.4, 7.5, 2, Severity.HIGH),
                Arguments.of("db_connections_high", "db_connections", 40.0, 130.0, 5, Severity.MEDIUM),
                Arguments.of("slow_query_detected", "query_execution_time", 120.0, 6200.0, 1, Severity.HIGH));
    }

    @Test
    void theFileHoldsSeed000sSevenScenarios() {
        List<AlertRule> loaded = RulesFile.load(alerting, SCENARIOS);

        assertThat(loaded).extracting(AlertRule::name).containsExactly("cpu_usage_high", "memory_usage_critical",
                "disk_space_low", "api_response_slow", "error_rate_high", "db_connections_high", "slow_query_detected");
        assertThat(alerting.rules().all()).hasSize(7);
        AlertRule cpu = alerting.rules().require("cpu_usage_high");
        assertThat(cpu.notifications().channels()).containsExactly("email", "discord");
        assertThat(cpu.cooldown()).isEqualTo(Duration.ofMinutes(30));
        assertThat(cpu.notifications().escalation()).singleElement()
                .satisfies(level -> assertThat(level.delay()).isEqualTo(Duration.ofMinutes(60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachRuleFiresAfterItsDurationAndResolves(String rule, String metric, double normal, double bad, int minutes,
                                                  Severity severity) {
        RulesFile.load(alerting, SCENARIOS);
        Labels labels = Labels.of("host", "web-1");

        feed(metric, normal, labels, Duration.ofMinutes(3));
        assertThat(records()).isEmpty();

        Instant badFrom = clock.instant();
        feed(metric, bad, labels, Duration.ofMinutes(minutes).minus(STEP));
        assertThat(records()).as("not yet: the value has been bad for less than %d minutes", minutes).isEmpty();
        feed(metric, bad, labels, STEP.multipliedBy(2));

        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.ruleName()).isEqualTo(rule);
            assertThat(r.status()).isEqualTo(AlertStatus.ACTIVE);
            assertThat(r.severity()).isEqualTo(severity);
            assertThat(r.triggerValue()).isEqualTo(bad);
            assertThat(r.labels().get("host")).isEqualTo("web-1");
            assertThat(r.triggeredAt()).isEqualTo(badFrom.plus(Duration.ofMinutes(minutes)));
        });

        feed(metric, normal, labels, Duration.ofMinutes(1));
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(r.resolveValue()).isEqualTo(normal);
        });
    }

    @Test
    void reloadingTheFileReplacesTheRulesByNameAndKeepsTheirIds() {
        List<AlertRule> first = RulesFile.load(alerting, SCENARIOS);
        List<AlertRule> second = RulesFile.load(alerting, SCENARIOS);

        assertThat(second).extracting(AlertRule::id).isEqualTo(first.stream().map(AlertRule::id).toList());
        assertThat(alerting.rules().all()).hasSize(7);
    }

    @Test
    void aFileWithInvalidRulesChangesNothingAndNamesEveryProblem(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                - name: ok
                  condition: greater_than
                  threshold: {metric: cpu_usage, value: 80}
                - name: broken
                  condition: bigger_than
                  threshold: {metric: cpu_usage, value: 80}
                  severity: urgent
                """);

        assertThatThrownBy(() -> RulesFile.load(alerting, bad))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p.key()).isEqualTo("rules.file"));
                    assertThat(e.getMessage()).contains("[1].condition").contains("[1].severity");
                });
        assertThat(alerting.rules().all()).isEmpty();
        assertThatThrownBy(() -> RulesFile.load(alerting, dir.resolve("missing.yaml")))
                .hasMessageEndingWith("missing.yaml does not exist");
    }

    /** One sample every 15 s for {@code span}, evaluating after each, as the server's ticker would. */
    private void feed(String metric, double value, Labels labels, Duration span) {
        for (Duration t = Duration.ZERO; t.compareTo(span) < 0; t = t.plus(STEP)) {
            alerting.record(metric, value, labels);
            alerting.tick();
            clock.advance(STEP);
        }
    }

    private List<AlertRecord> records() {
        return alerting.records().all(RecordQuery.all());
    }
}
