package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule example of seeds 000 and 003, copied verbatim into test resources, parses,
 * validates, maps as the codec documents, and round-trips through JSON and YAML.
 */
class SeedExamplesTest {

    private final RuleCodec codec = new RuleCodec();

    static String resource(String name) {
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seeds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRoundTrips(AlertRule rule) {
        for (Format format : Format.values()) {
            String written = codec.write(rule, format, Redaction.REVEAL);
            assertThat(codec.readRule(written)).as(format + ":\n" + written).isEqualTo(rule);
        }
    }

    @ParameterizedTest(name = "seed 000 {0}")
    @CsvSource({
            // file,                       name,                  operator,     metric,               value,  hold m, severity, channels,       cooldown m, escalation m
            "cpu_usage_high,               cpu_usage_high,        GREATER_THAN, cpu_usage,            80,     5,      HIGH,     email discord,  30,         60",
            "memory_usage_critical,        memory_usage_critical, GREATER_THAN, memory_usage,         90,     2,      CRITICAL, email discord,  15,         30",
            "disk_space_low,               disk_space_low,        LESS_THAN,    disk_free_percent,    10,     1,      CRITICAL, email discord,  60,         120",
            "api_response_slow,            api_response_slow,     GREATER_THAN, response_time_ms,     2000,   3,      MEDIUM,   discord,        15,         0",
            "error_rate_high,              error_rate_high,       GREATER_THAN, error_rate,           5,      2,      HIGH,     email discord,  20,         0",
            "db_connections_high,          db_connections_high,   GREATER_THAN, db_connections,       100,    5,      MEDIUM,   discord,        30,         0",
            "slow_query_detected,          slow_query_detected,   GREATER_THAN, query_execution_time, 5000,   1,      HIGH,     email discord,  10,         0",
            "setup_cpu_usage_high,         cpu_usage_high,        GREATER_THAN, cpu_usage,            80,     5,      HIGH,     email discord,  30,         0",
            "setup_memory_usage_critical,  memory_usage_critical, GREATER_THAN, memory_usage,         90,     2,      CRITICAL, email discord,  15,         0"})
    void seed000Rules(String file, String name, Operator op, String metric, double value, int holdMinutes,
                      Severity severity, String channels, int cooldownMinutes, int escalationMinutes) {
        AlertRule rule = codec.readRule(resource("000/" + file + ".json"));

        assertThat(rule.id()).isNull();
        assertThat(rule.name()).isEqualTo(name);
        assertThat(rule.description()).isNotBlank();
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.scope()).isEqualTo(Scope.global());
        assertThat(rule.conditions()).hasSize(1);
        Condition c = rule.conditions().get(0);
        assertThat(c.id()).isEqualTo("cond_1");
        assertThat(c.metric()).isEqualTo(metric);
        assertThat(c.operator()).isEqualTo(op);
        assertThat(c.threshold()).isEqualTo(Threshold.of(value));
        assertThat(c.aggregation()).isEqualTo(Aggregation.LAST);
        assertThat(c.window()).isZero();
        assertThat(c.holdFor()).isEqualTo(Duration.ofMinutes(holdMinutes));
        assertThat(rule.severity()).isEqualTo(severity);
        assertThat(rule.notifications().channels()).containsExactly(channels.split(" "));
        assertThat(rule.notifications().settings()).isEmpty();
        assertThat(rule.cooldown()).isEqualTo(Duration.ofMinutes(cooldownMinutes));
        if (escalationMinutes == 0) {
            assertThat(rule.notifications().escalation()).isEmpty();
            assertThat(rule.notifications().escalationEnabled()).isFalse();
        } else {
            // one level after the delay, to the rule's own channels (an empty list means exactly that)
            assertThat(rule.notifications().escalation())
                    .containsExactly(new EscalationLevel(Duration.ofMinutes(escalationMinutes), List.of(), List.of()));
            assertThat(rule.notifications().escalationEnabled()).isTrue();
        }
        assertRoundTrips(rule);
    }

    @Test
    void seed000TagsBecomeLabelEqualityMatchers() {
        AlertRule rule = codec.readRule(resource("000/cpu_usage_high.json"));
        assertThat(rule.labelMatchers()).containsExactly(
                LabelMatcher.equal("service", "web-server"), LabelMatcher.equal("environment", "production"));
        assertThat(rule.description()).isEqualTo("CPU 사용률이 80% 이상 5분 지속");
    }

    @Test
    void seed000PythonExampleIsTheSameRule() {
        // the Python client builds the rule as a dict; Python's True is JSON's true, nothing else differs
        String python = resource("000/python_cpu_rule.py.txt");
        AlertRule rule = codec.readRule(python.replace("True", "true"));
        AlertRule curl = codec.readRule(resource("000/setup_cpu_usage_high.json"));
        assertThat(rule).isEqualTo(curl.toBuilder().description("CPU 사용률 모니터링").build());
        assertRoundTrips(rule);
    }

    @Test
    void seed000PartialPutChangesOnlyWhatItNames() {
        AlertRule before = codec.readRule(resource("000/cpu_usage_high.json"));
        AlertRule after = codec.readUpdate(resource("000/update_cpu_usage_high.json"), before);

        Condition c = after.conditions().get(0);
        assertThat(c.threshold()).isEqualTo(Threshold.of(85));
        assertThat(c.holdFor()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.metric()).isEqualTo("cpu_usage");
        assertThat(c.operator()).isEqualTo(Operator.GREATER_THAN);
        assertThat(after.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(after.cooldown()).isEqualTo(Duration.ofMinutes(20));
        // everything the body leaves out is kept
        assertThat(after.toBuilder().conditions(before.conditions()).severity(before.severity())
                .cooldown(before.cooldown()).build()).isEqualTo(before);
        assertRoundTrips(after);
    }

    @Test
    void seed000PartialBodyAloneIsNotARule() {
        AlertingExceptionAssert.assertThatReading(() -> codec.readRule(resource("000/update_cpu_usage_high.json")))
                .hasProblems("INVALID_CONDITION@condition", "MISSING_FIELD@name");
    }

    private static JsonNode seed003ListRule() throws IOException {
        return new ObjectMapper().readTree(resource("003/list_response.json")).path("data").path("list").get(0);
    }

    @Test
    void seed003ListExample() throws IOException {
        AlertRule rule = codec.readRule(seed003ListRule().toString());

        assertThat(rule.id()).isEqualTo("rule_001");
        assertThat(rule.name()).isEqualTo("CPU高使用率告警");
        assertThat(rule.description()).isEqualTo("当CPU使用率超过80%时触发");
        assertThat(rule.scope()).isEqualTo(new Scope(ScopeType.VM, "vm_001", "web-server-01"));
        Condition c = rule.conditions().get(0);
        assertThat(c.id()).isEqualTo("cond_001");
        assertThat(c.metric()).isEqualTo("cpu");
        assertThat(c.metricType()).isEqualTo("cpu.usagePercent");
        assertThat(c.seriesMetric()).isEqualTo("cpu_usage");
        assertThat(c.operator()).isEqualTo(Operator.GREATER_OR_EQUAL);
        assertThat(c.threshold()).isEqualTo(Threshold.of(80));
        // duration 300 with aggregation avg: the averaging window, no extra hold time
        assertThat(c.aggregation()).isEqualTo(Aggregation.AVG);
        assertThat(c.window()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.holdFor()).isZero();
        assertThat(rule.logic()).isEqualTo(ConditionLogic.AND);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.cooldown()).isEqualTo(Duration.ofSeconds(600));
        assertThat(rule.severity()).isEqualTo(Severity.HIGH);
        assertThat(rule.notifications().channels()).containsExactly("email", "inApp");
        assertThat(rule.notifications().settingsFor("email")).isEqualTo(ChannelSettings.to("admin@company.com"));
        assertThat(rule.notifications().settingsFor("inApp")).isEqualTo(ChannelSettings.defaults());
        assertThat(rule.notifications().settings()).containsOnlyKeys("email", "inApp");
        assertThat(rule.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(rule.updatedAt()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(rule.createdBy()).isEqualTo("usr_001");
        assertThat(rule.updatedBy()).isNull();
        assertRoundTrips(rule);
    }

    @Test
    void seed003CreateExample() {
        AlertRule rule = codec.readRule(resource("003/create_request.json"));

        assertThat(rule.id()).isNull();
        assertThat(rule.name()).isEqualTo("内存使用率告警");
        assertThat(rule.scope()).isEqualTo(Scope.group("grp_001"));
        Condition c = rule.conditions().get(0);
        assertThat(c.id()).isEqualTo("cond_1");
        assertThat(c.metric()).isEqualTo("memory");
        assertThat(c.metricType()).isEqualTo("memory.usagePercent");
        assertThat(c.operator()).isEqualTo(Operator.GREATER_OR_EQUAL);
        assertThat(c.threshold()).isEqualTo(Threshold.of(85));
        // no aggregation means last: duration 180 is how long the value must stay above 85
        assertThat(c.aggregation()).isEqualTo(Aggregation.LAST);
        assertThat(c.holdFor()).isEqualTo(Duration.ofSeconds(180));
        assertThat(c.window()).isZero();
        assertThat(rule.cooldown()).isEqualTo(Duration.ofSeconds(300));
        assertThat(rule.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(rule.notifications().channels()).containsExactly("email", "webhook");
        assertThat(rule.notifications().settingsFor("email").recipients()).containsExactly("ops@company.com");
        ChannelSettings webhook = rule.notifications().settingsFor("webhook");
        assertThat(webhook.url()).isEqualTo("https://hooks.slack.com/services/xxx");
        assertThat(webhook.httpMethod()).isEqualTo("POST");
        assertThat(webhook.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(webhook.secret()).isNull();
        assertRoundTrips(rule);
    }

    @Test
    void seed003ExportShapeHoldsBothExamples() throws IOException {
        String export = "{\"rules\":[" + seed003ListRule() + "," + resource("003/create_request.json") + "]}";
        List<AlertRule> rules = codec.readRules(export);
        assertThat(rules).extracting(AlertRule::name).containsExactly("CPU高使用率告警", "内存使用率告警");
        for (Format format : Format.values()) {
            assertThat(codec.readRules(codec.writeAll(rules, format, Redaction.REVEAL))).isEqualTo(rules);
        }
    }

    @Test
    void seed003ReadOnlyStatisticsAreAcceptedAndIgnored() throws IOException {
        JsonNode listRule = seed003ListRule();
        assertThat(listRule.has("triggerCount")).isTrue();
        assertThat(listRule.has("lastTriggeredAt")).isTrue();
        AlertRule rule = codec.readRule(listRule.toString());
        assertThat(codec.write(rule, Format.JSON)).doesNotContain("triggerCount").doesNotContain("lastTriggeredAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000/cpu_usage_high.json", "003/create_request.json"})
    void seedExamplesAlsoReadAsYaml(String file) throws IOException {
        AlertRule fromJson = codec.readRule(resource(file));
        String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .writeValueAsString(new ObjectMapper().readTree(resource(file)));
        assertThat(Format.detect(yaml)).isEqualTo(Format.YAML);
        assertThat(codec.readRule(yaml)).isEqualTo(fromJson);
    }
}
