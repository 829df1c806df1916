package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.FlapDetection;
import io.vigil.alerting.api.LabelMatcher;
import io.vigil.alerting.api.NoDataPolicy;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.Scope;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.alerting.codec.AlertingExceptionAssert.assertThatReading;
import static org.assertj.core.api.Assertions.assertThat;

class RuleCodecTest {

    private final RuleCodec codec = new RuleCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** A rule with every field of the model set. */
    static AlertRule everything() {
        NotificationPolicy policy = NotificationPolicy.builder()
                .channels("email", "webhook", "pager")
                .settings("email", new ChannelSettings(true, List.of("ops@example.com"), List.of("boss@example.com"),
                        "mail_tpl", false, null, null, null, null))
                .settings("sms", ChannelSettings.to("+8613800000000").withEnabled(false))
                .settings("webhook", new ChannelSettings(true, List.of(), List.of(), null, null,
                        "https://hooks.example.com/x", "PUT", Map.of("X-Team", "ops"), Secret.of("hmac-key")))
                .settings("inApp", ChannelSettings.to("usr_001"))
                .settings("pager", ChannelSettings.to("team-a"))
                .escalation(List.of(new EscalationLevel(Duration.ofMinutes(30), List.of("sms"), List.of("+8613900000000")),
                        new EscalationLevel(Duration.ofMinutes(90), List.of(), List.of())))
                .escalationEnabled(true)
                .sendResolved(false)
                .fallbackChannel("slack")
                .remindEvery(Duration.ofHours(4))
                .template("email", "tpl_email")
                .build();
        return AlertRule.named("everything")
                .id("rule_042")
                .describedAs("all fields")
                .scope(new Scope(ScopeType.CLUSTER, "c1", "Cluster one"))
                .labelMatchers(List.of(LabelMatcher.equal("env", "prod"), LabelMatcher.of("host", LabelMatcher.Type.REGEX, "web-.*")))
                .when(Condition.avg("cpu").metricType("cpu.usagePercent").over(Duration.ofMinutes(5)).atLeast(80)
                        .recoverAt(70).holdFor(Duration.ofSeconds(90)).id("cpu"))
                .or(Condition.last("vmStatus").in("stopped", "error"))
                .or(Condition.last("temp").between(-10.5, 45))
                .or(Condition.rate("errors_total").over(Duration.ofMillis(1500)).compare(Operator.NOT_IN, Threshold.anyOf(0, 1)))
                .groupBy("host", "vm")
                .enabled(false)
                .cooldown(Duration.ofMinutes(10))
                .severity(Severity.CRITICAL)
                .notifications(policy)
                .keepFiringFor(Duration.ofMinutes(2))
                .recoveryFor(Duration.ofMinutes(3))
                .noData(Duration.ofMinutes(10), NoDataPolicy.State.NO_DATA)
                .flapping(new FlapDetection(5, Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
                .updatedAt(Instant.parse("2026-02-03T10:00:00.123456789Z"))
                .createdBy("usr_001")
                .updatedBy("usr_002")
                .version(7)
                .build();
    }

    /** The YAML example of the project README is the README's builder example. */
    @Test
    void readmeExample() {
        String yaml = """
                name: cpu_usage_high
                description: CPU above 80% for 5 minutes
                conditions:
                  - metric: cpu_usage
                    aggregation: avg
                    window: 5m
                    operator: ">="
                    threshold: 80
                    holdFor: 5m
                severity: high
                cooldown: 30m
                notifications:
                  methods: [email, discord]
                """;
        AlertRule built = AlertRule.named("cpu_usage_high")
                .describedAs("CPU above 80% for 5 minutes")
                .when(Condition.avg("cpu_usage").over(Duration.ofMinutes(5)).atLeast(80).holdFor(Duration.ofMinutes(5)))
                .severity(Severity.HIGH)
                .notify(Channels.EMAIL, Channels.DISCORD)
                .cooldown(Duration.ofMinutes(30))
                .build();
        assertThat(codec.readRule(yaml)).isEqualTo(built);
    }

    @Test
    void everyFieldRoundTripsThroughJsonAndYaml() {
        AlertRule rule = everything();
        for (Format format : Format.values()) {
            String text = codec.write(rule, format, Redaction.REVEAL);
            assertThat(codec.readRule(text)).as(text).isEqualTo(rule);
            assertThat(codec.readRule(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(rule);
        }
    }

    @Test
    void canonicalJsonShape() throws IOException {
        JsonNode doc = json.readTree(codec.write(everything(), Format.JSON, Redaction.REVEAL));
        assertThat(doc.path("scope").asText()).isEqualTo("cluster");
        assertThat(doc.path("scopeId").asText()).isEqualTo("c1");
        assertThat(doc.path("cooldown").asText()).isEqualTo("10m");
        assertThat(doc.path("conditionLogic").asText()).isEqualTo("or");
        assertThat(doc.path("labelMatchers").get(1).toString()).isEqualTo("{\"label\":\"host\",\"op\":\"=~\",\"value\":\"web-.*\"}");
        JsonNode cpu = doc.path("conditions").get(0);
        assertThat(cpu.toString()).isEqualTo("{\"id\":\"cpu\",\"metric\":\"cpu\",\"metricType\":\"cpu.usagePercent\","
                + "\"operator\":\">=\",\"threshold\":80,\"aggregation\":\"avg\",\"window\":\"5m\",\"holdFor\":\"1m30s\","
                + "\"recoveryThreshold\":70}");
        assertThat(doc.path("conditions").get(2).path("threshold").toString()).isEqualTo("[-10.5,45]");
        assertThat(doc.path("conditions").get(3).path("window").asText()).isEqualTo("1s500ms");
        JsonNode n = doc.path("notifications");
        assertThat(n.path("methods").toString()).isEqualTo("[\"email\",\"webhook\",\"pager\"]");
        assertThat(n.path("sms").path("phoneNumbers").toString()).isEqualTo("[\"+8613800000000\"]");
        assertThat(n.path("inApp").path("users").toString()).isEqualTo("[\"usr_001\"]");
        assertThat(n.path("webhook").path("method").asText()).isEqualTo("PUT");
        assertThat(n.path("channelSettings").path("pager").path("recipients").toString()).isEqualTo("[\"team-a\"]");
        assertThat(n.path("escalation").path("levels").get(0).toString())
                .isEqualTo("{\"delay\":\"30m\",\"methods\":[\"sms\"],\"recipients\":[\"+8613900000000\"]}");
        assertThat(n.path("reminderInterval").asText()).isEqualTo("4h");
        assertThat(doc.path("updatedAt").asText()).isEqualTo("2026-02-03T10:00:00.123456789Z");
        assertThat(doc.path("version").asLong()).isEqualTo(7);
    }

    @Test
    void defaultsAreLeftOutOfTheExport() throws IOException {
        AlertRule plain = AlertRule.named("plain").when(Condition.last("m").above(1)).build();
        JsonNode doc = json.readTree(codec.write(plain, Format.JSON));
        List<String> fields = fieldNames(doc);
        assertThat(fields).containsExactly("name", "scope", "conditions", "conditionLogic", "enabled", "cooldown",
                "severity", "notifications");
        assertThat(doc.path("conditions").get(0).toString()).isEqualTo(
                "{\"id\":\"cond_1\",\"metric\":\"m\",\"operator\":\">\",\"threshold\":1,\"aggregation\":\"last\",\"holdFor\":\"0s\"}");
        assertThat(codec.readRule(codec.write(plain, Format.YAML))).isEqualTo(plain);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void yamlIsReadableAndQuotesOnlyWhatWouldBeMisread() {
        AlertRule rule = AlertRule.named("yes").when(Condition.last("vmStatus").in("on", "80", "running")).build();
        String yaml = codec.write(rule, Format.YAML);
        assertThat(yaml).startsWith("name: \"yes\"\n").contains("metric: vmStatus", "operator: in", "- \"on\"",
                "- \"80\"", "- running", "cooldown: \"5m\"");
        assertThat(codec.readRule(yaml)).isEqualTo(rule);
    }

    @Test
    void secretsAreRedactedByDefault() {
        AlertRule rule = everything();
        String redacted = codec.write(rule, Format.JSON);
        assertThat(redacted).doesNotContain("hmac-key").contains("\"secret\" : \"******\"");
        assertThat(codec.write(rule, Format.YAML, Redaction.REDACT)).doesNotContain("hmac-key");
        assertThat(codec.writeAll(List.of(rule), Format.JSON, Redaction.REDACT)).doesNotContain("hmac-key");
        assertThat(codec.write(rule, Format.JSON, Redaction.REVEAL)).contains("hmac-key");
    }

    @Test
    void aRedactedSecretIsNeverStoredAsTheSecret() {
        String redacted = codec.write(everything(), Format.JSON);
        assertThatReading(() -> codec.readRule(redacted))
                .hasProblems("INVALID_FIELD@notifications.webhook.secret")
                .messageAt("notifications.webhook.secret", "redacted placeholder");
    }

    @Test
    void anUpdateKeepsTheExistingSecretForThePlaceholder() {
        AlertRule existing = everything();
        String edited = codec.write(existing, Format.JSON).replace("\"all fields\"", "\"edited\"");
        AlertRule updated = codec.readUpdate(edited, existing);
        assertThat(updated.description()).isEqualTo("edited");
        assertThat(updated.notifications().settingsFor("webhook").secret()).isEqualTo(Secret.of("hmac-key"));
        assertThat(updated.toBuilder().description("all fields").build()).isEqualTo(existing);
    }

    @Test
    void anUpdateCannotKeepASecretTheRuleDoesNotHave() {
        AlertRule existing = AlertRule.named("r").when(Condition.last("m").above(1)).build();
        String doc = "{\"notifications\": {\"methods\": [\"webhook\"], \"webhook\": {\"url\": \"https://e.com/h\", \"secret\": \"******\"}}}";
        assertThatReading(() -> codec.readUpdate(doc, existing)).hasProblems("INVALID_FIELD@notifications.webhook.secret");
        // a redacted copy is not a source of secrets either
        AlertRule redactedCopy = everything().redacted();
        assertThatReading(() -> codec.readUpdate(codec.write(redactedCopy, Format.JSON), redactedCopy))
                .hasProblems("INVALID_FIELD@notifications.webhook.secret");
    }

    private static AlertRule withChatAndHeaders() {
        return AlertRule.named("chat").when(Condition.last("m").above(1))
                .notifications(NotificationPolicy.builder()
                        .channel("discord", ChannelSettings.webhook("https://discord.com/api/webhooks/1/discord-token"))
                        .channel("slack", ChannelSettings.webhook("https://hooks.slack.com/services/T0/B0/slack-token"))
                        .channel("webhook", new ChannelSettings(true, List.of(), List.of(), null, null,
                                "https://example.com/hook", "POST",
                                Map.of("Authorization", "Bearer header-token", "X-Team", "ops"), null))
                        .build())
                .build();
    }

    @Test
    void exportsHideChatWebhookTokensAndCredentialHeaders() {
        AlertRule rule = withChatAndHeaders();
        for (Format format : Format.values()) {
            String export = codec.writeAll(List.of(rule), format, Redaction.REDACT);
            assertThat(export).doesNotContain("discord-token", "slack-token", "header-token")
                    .contains("https://discord.com/******", "https://hooks.slack.com/******", "ops");
            assertThat(codec.write(rule, format, Redaction.REVEAL)).contains("discord-token", "slack-token", "header-token");
        }
    }

    @Test
    void anUpdateKeepsTheStoredChatUrlsAndCredentialHeaders() {
        AlertRule existing = withChatAndHeaders();
        String edited = codec.write(existing, Format.YAML).replace("name: chat", "name: edited");
        AlertRule updated = codec.readUpdate(edited, existing);
        assertThat(updated).isEqualTo(existing.toBuilder().name("edited").build());
        // a new value replaces the stored one
        String newUrl = codec.write(existing, Format.JSON)
                .replace("https://discord.com/******", "https://discord.com/api/webhooks/2/new");
        assertThat(codec.readUpdate(newUrl, existing).notifications().settingsFor("discord").url())
                .isEqualTo("https://discord.com/api/webhooks/2/new");
    }

    @Test
    void aNewRuleCannotTakeChatUrlOrHeaderPlaceholders() {
        String export = codec.write(withChatAndHeaders(), Format.JSON);
        assertThatReading(() -> codec.readRule(export)).hasProblems("INVALID_FIELD@notifications.webhook.headers.Authorization",
                "INVALID_FIELD@notifications.discord.url", "INVALID_FIELD@notifications.slack.url");
        // an update whose stored rule lacks the credential cannot keep it either
        AlertRule bare = AlertRule.named("chat").when(Condition.last("m").above(1)).build();
        assertThatReading(() -> codec.readUpdate(export, bare)).hasProblems("INVALID_FIELD@notifications.webhook.headers.Authorization",
                "INVALID_FIELD@notifications.discord.url", "INVALID_FIELD@notifications.slack.url");
    }

    @Test
    void anEmptySecretMeansNone() {
        AlertRule rule = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"notifications\":{\"methods\":[\"webhook\"],\"webhook\":{\"url\":\"https://e.com/h\",\"secret\":\"\"}}}");
        assertThat(rule.notifications().settingsFor("webhook").secret()).isNull();
    }

    @Test
    void updatesMergeFieldByField() {
        AlertRule existing = everything();
        AlertRule updated = codec.readUpdate("severity: low\nenabled: true\ndescription: null\n", existing);
        assertThat(updated.severity()).isEqualTo(Severity.LOW);
        assertThat(updated.enabled()).isTrue();
        assertThat(updated.description()).isNull();
        assertThat(updated.toBuilder().severity(Severity.CRITICAL).enabled(false).description("all fields").build())
                .isEqualTo(existing);
        // null resets a field to its default
        AlertRule reset = codec.readUpdate("{\"cooldown\": null, \"noData\": null, \"notifications\": null}", existing);
        assertThat(reset.cooldown()).isEqualTo(AlertRule.DEFAULT_COOLDOWN);
        assertThat(reset.noData()).isNull();
        assertThat(reset.notifications()).isEqualTo(NotificationPolicy.none());
    }

    @Test
    void anUpdateCannotChangeTheId() {
        assertThatReading(() -> codec.readUpdate("{\"id\": \"other\"}", everything())).hasProblems("INVALID_FIELD@id");
        assertThat(codec.readUpdate("{\"id\": \"rule_042\"}", everything())).isEqualTo(everything());
    }

    @Test
    void seed000FieldsCannotUpdateARuleWithSeveralConditions() {
        assertThatReading(() -> codec.readUpdate("{\"threshold\": {\"value\": 1}}", everything()))
                .hasProblems("INVALID_CONDITION@threshold");
    }

    @Test
    void seed000EscalationZeroMeansNone() {
        AlertRule withEscalation = codec.readRule(SeedExamplesTest.resource("000/cpu_usage_high.json"));
        AlertRule none = codec.readUpdate("{\"escalation_minutes\": 0}", withEscalation);
        assertThat(none.notifications().escalation()).isEmpty();
        assertThat(none.notifications().channels()).containsExactly("email", "discord");
    }

    @Test
    void seed003DurationIsTheWindowForWindowedAggregationsAndTheHoldTimeForLast() {
        for (Aggregation a : Aggregation.values()) {
            AlertRule r = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1,"
                    + "\"duration\":120,\"aggregation\":\"" + a.wireName() + "\"}]}");
            Condition c = r.conditions().get(0);
            if (a == Aggregation.LAST) {
                assertThat(c.holdFor()).isEqualTo(Duration.ofMinutes(2));
                assertThat(c.window()).isZero();
            } else {
                assertThat(c.window()).as(a.name()).isEqualTo(Duration.ofMinutes(2));
                assertThat(c.holdFor()).isZero();
            }
        }
    }

    @Test
    void seed003DurationDefaultsTo60Seconds() {
        Condition last = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}]}")
                .conditions().get(0);
        assertThat(last.holdFor()).isEqualTo(Duration.ofSeconds(60));
        Condition avg = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1,\"aggregation\":\"max\"}]}")
                .conditions().get(0);
        assertThat(avg.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(avg.holdFor()).isZero();
    }

    @Test
    void explicitWindowAndHoldTime() {
        Condition c = codec.readRule("name: r\nconditions:\n  - metric: m\n    operator: '>'\n    threshold: 1\n"
                + "    aggregation: avg\n    window: PT5M\n    holdFor: 1h30m\n").conditions().get(0);
        assertThat(c.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.holdFor()).isEqualTo(Duration.ofMinutes(90));
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\","
                + "\"threshold\":1,\"duration\":60,\"holdFor\":\"1m\"}]}"))
                .hasProblems("INVALID_CONDITION@conditions[0].duration");
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\","
                + "\"threshold\":1,\"aggregation\":\"avg\",\"holdFor\":\"1m\"}]}"))
                .hasProblems("MISSING_FIELD@conditions[0].window");
    }

    @Test
    void modelErrorsPointAtTheFieldTheUserWrote() {
        // seed 003: a zero duration with avg is a zero window, reported at "duration"
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\","
                + "\"threshold\":1,\"duration\":0,\"aggregation\":\"avg\"}]}"))
                .hasProblems("INVALID_CONDITION@conditions[0].duration");
        // seed 000 names
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"condition\":\"between\",\"threshold\":{\"metric\":\"9x\","
                + "\"value\":1,\"duration_minutes\":-1},\"cooldown_minutes\":-5,\"escalation_minutes\":-1}"))
                .hasProblems("INVALID_DURATION@escalation_minutes", "INVALID_CONDITION@threshold.metric",
                        "INVALID_THRESHOLD@threshold.value", "INVALID_DURATION@threshold.duration_minutes",
                        "INVALID_DURATION@cooldown_minutes");
        // notification policy: the model's "channels" are seed 003's "methods"
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"notifications\":{\"methods\":[\"email\",\"no way\"],\"webhook\":{\"url\":\"ftp://x\",\"method\":\"get\"},"
                + "\"escalation\":{\"levels\":[{\"delay\":60,\"methods\":[\"sms\"]},{\"delay\":30,\"methods\":[\"bad name\"]}]}}}"))
                .hasProblems("INVALID_FIELD@notifications.webhook.method", "INVALID_FIELD@notifications.webhook.url",
                        "INVALID_FIELD@notifications.methods[1]", "INVALID_DURATION@notifications.escalation.levels[1].delay",
                        "INVALID_FIELD@notifications.escalation.levels[1].methods[0]");
    }

    @Test
    void everyProblemOfADocumentAtOnceWithoutDuplicates() {
        String doc = """
                {
                  "name": 42,
                  "severity": "urgent",
                  "cooldown": "soon",
                  "sevrity": "high",
                  "scope": "vm",
                  "conditions": [
                    {"metric": "cpu", "operator": "~", "threshold": 80},
                    {"metric": "cpu", "operator": ">", "threshold": {"lo": 1}},
                    {"metric": "cpu", "operator": "between", "threshold": [1, 2, 3]},
                    "not a condition",
                    {"metric": "cpu", "operator": ">", "threshold": 1, "aggregation": "median", "windw": "5m"}
                  ],
                  "conditionLogic": "xor"
                }""";
        // reported in the canonical field order
        assertThatReading(() -> codec.readRule(doc)).hasProblems(
                "INVALID_FIELD@name",
                "MISSING_FIELD@scopeId",
                "INVALID_FIELD@conditions[3]",
                "INVALID_CONDITION@conditions[0].operator",
                "INVALID_THRESHOLD@conditions[1].threshold",
                "INVALID_THRESHOLD@conditions[2].threshold",
                "INVALID_CONDITION@conditions[4].aggregation",
                "INVALID_FIELD@conditions[4].windw",
                "INVALID_FIELD@conditionLogic",
                "INVALID_FIELD@severity",
                "INVALID_DURATION@cooldown",
                "INVALID_FIELD@sevrity")
                .messageAt("sevrity", "did you mean 'severity'")
                .messageAt("conditions[4].windw", "did you mean 'window'")
                .messageAt("severity", "'urgent' is not a severity");
    }

    @Test
    void unknownFieldsInSeed000RulesSayWhyTheFormatWasChosen() {
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"condition\":\">\",\"threshold\":{\"metric\":\"m\",\"value\":1},"
                + "\"conditions\":[]}"))
                .hasProblems("INVALID_FIELD@conditions")
                .messageAt("conditions", "seed 000", "'condition'");
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"condition\":\">\",\"threshold\":{\"metric\":\"m\",\"value\":1,\"units\":\"%\"}}"))
                .hasProblems("INVALID_FIELD@threshold.units");
    }

    @Test
    void channelBlocksAreStrict() {
        String base = "{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],\"notifications\":";
        assertThatReading(() -> codec.readRule(base + "{\"methods\":[\"sms\"],\"sms\":{\"recipients\":[\"+1\"]}}}"))
                .hasProblems("INVALID_FIELD@notifications.sms.recipients")
                .messageAt("notifications.sms.recipients", "phoneNumbers");
        assertThatReading(() -> codec.readRule(base + "{\"methods\":[\"email\"],\"emial\":{}}}"))
                .hasProblems("INVALID_FIELD@notifications.emial")
                .messageAt("notifications.emial", "did you mean 'email'");
        assertThatReading(() -> codec.readRule(base + "{\"channelSettings\":{\"email\":{}}}}"))
                .hasProblems("INVALID_FIELD@notifications.channelSettings.email");
        assertThatReading(() -> codec.readRule(base + "{\"channelSettings\":{\"bad name\":{}}}}"))
                .hasProblems("INVALID_FIELD@notifications.channelSettings");
        AlertRule ok = codec.readRule(base + "{\"methods\":[\"webhook\"],\"webhook\":{\"url\":\"https://e.com/h\",\"method\":\"post\"}}}");
        assertThat(ok.notifications().settingsFor("webhook").httpMethod()).isEqualTo("POST");
    }

    @Test
    void thresholdShapes() {
        assertThat(threshold("\"operator\":\"between\",\"threshold\":[1,2]")).isEqualTo(Threshold.range(1, 2));
        assertThat(threshold("\"operator\":\"in\",\"threshold\":[1,2]")).isEqualTo(Threshold.anyOf(1, 2));
        assertThat(threshold("\"operator\":\"not_in\",\"threshold\":[\"a\",\"b\"]")).isEqualTo(Threshold.anyOf("a", "b"));
        assertThat(threshold("\"operator\":\"==\",\"threshold\":\"running\"")).isEqualTo(Threshold.text("running"));
        assertThat(threshold("\"operator\":\">\",\"threshold\":1e2")).isEqualTo(Threshold.of(100));
        assertThatReading(() -> threshold("\"operator\":\"in\",\"threshold\":[1,\"a\"]"))
                .hasProblems("INVALID_THRESHOLD@conditions[0].threshold");
        assertThatReading(() -> threshold("\"operator\":\"in\",\"threshold\":[1,true]"))
                .hasProblems("INVALID_THRESHOLD@conditions[0].threshold[1]");
        assertThatReading(() -> threshold("\"operator\":\"in\",\"threshold\":[]"))
                .hasProblems("INVALID_THRESHOLD@conditions[0].threshold");
        assertThatReading(() -> threshold("\"operator\":\">\",\"threshold\":1e400"))
                .hasProblems("INVALID_THRESHOLD@conditions[0].threshold")
                .messageAt("conditions[0].threshold", "finite");
        assertThatReading(() -> threshold("\"operator\":\">\",\"threshold\":\"80\""))
                .hasProblems("INVALID_THRESHOLD@conditions[0].threshold");
    }

    private Threshold threshold(String fields) {
        return codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\"," + fields + "}]}").conditions().get(0).threshold();
    }

    @Test
    void durationFieldsRefuseBareNumbersWhereNoSeedGivesAUnit() {
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\","
                + "\"threshold\":1,\"holdFor\":300}],\"keepFiringFor\":60}"))
                .hasProblems("INVALID_DURATION@conditions[0].holdFor", "INVALID_DURATION@keepFiringFor")
                .messageAt("keepFiringFor", "no unit");
        AlertRule seconds = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],\"cooldown\":90}");
        assertThat(seconds.cooldown()).isEqualTo(Duration.ofSeconds(90));
        AlertRule text = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],\"cooldown\":\"1h\"}");
        assertThat(text.cooldown()).isEqualTo(Duration.ofHours(1));
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"cooldown\":1e300}"))
                .hasProblems("INVALID_DURATION@cooldown");
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"cooldown\":\"4000d\"}"))
                .hasProblems("INVALID_DURATION@cooldown")
                .messageAt("cooldown", "3650 days");
    }

    @Test
    void timesAcceptOffsets() {
        AlertRule r = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"createdAt\":\"2026-02-03T18:00:00+08:00\"}");
        assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"createdAt\":\"yesterday\"}")).hasProblems("INVALID_FIELD@createdAt");
    }

    @Test
    void ruleListsReportProblemsWithTheRuleIndex() {
        String doc = """
                rules:
                  - name: a
                    conditions: [{metric: m, operator: '>', threshold: 1}]
                  - name: b
                    severity: loud
                    conditions: [{metric: m, operator: '>', threshold: 1}]
                  - 17
                  - name: a
                    conditions: [{metric: m, operator: '>', threshold: 1}]
                  - name: c
                    condition: greater_than
                    threshold: {metric: m, value: x}
                """;
        assertThatReading(() -> codec.readRules(doc)).hasProblems(
                "INVALID_FIELD@rules[1].severity",
                "INVALID_FIELD@rules[2]",
                "RULE_NAME_CONFLICT@rules[3].name",
                "INVALID_FIELD@rules[4].threshold.value");
        assertThatReading(() -> codec.readRules("[{\"name\":\"a\",\"id\":\"x\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}]},"
                + "{\"name\":\"b\",\"id\":\"x\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}]}]"))
                .hasProblems("INVALID_FIELD@[1].id");
    }

    @Test
    void ruleListShapes() {
        String one = "{\"name\":\"a\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}]}";
        assertThat(codec.readRules(one)).hasSize(1);
        assertThat(codec.readRules("[" + one + "]")).hasSize(1);
        assertThat(codec.readRules("{\"rules\":[]}")).isEmpty();
        assertThatReading(() -> codec.readRules("{\"rules\":{}}")).hasProblems("INVALID_FIELD@rules");
        assertThatReading(() -> codec.readRules("{\"rules\":[], \"count\": 0}")).hasProblems("INVALID_FIELD@count");
        assertThatReading(() -> codec.readRules("\"rules\"")).hasProblems("MALFORMED_DOCUMENT@");
        assertThatReading(() -> codec.readRule("{\"rules\":[" + one + "]}")).hasProblems("MALFORMED_DOCUMENT@")
                .messageAt("", "list of rules");
        assertThatReading(() -> codec.readRule("[" + one + "]")).hasProblems("MALFORMED_DOCUMENT@");
    }

    @Test
    void malformedDocuments() {
        assertThatReading(() -> codec.readRule("")).hasProblems("MALFORMED_DOCUMENT@").messageAt("", "empty");
        assertThatReading(() -> codec.readRule("   \n")).hasProblems("MALFORMED_DOCUMENT@");
        assertThatReading(() -> codec.readRule((String) null)).hasProblems("MALFORMED_DOCUMENT@");
        assertThatReading(() -> codec.readRule("{\"name\": \"a\",}")).hasProblems("MALFORMED_DOCUMENT@")
                .messageAt("", "line 1, column");
        assertThatReading(() -> codec.readRule("{\"name\": \"a\", \"name\": \"b\"}")).hasProblems("MALFORMED_DOCUMENT@")
                .messageAt("", "Duplicate field");
        assertThatReading(() -> codec.readRule("{\"name\": \"a\"} {}")).hasProblems("MALFORMED_DOCUMENT@");
        assertThatReading(() -> codec.readRule("name: a\n---\nname: b\n")).hasProblems("MALFORMED_DOCUMENT@");
        assertThatReading(() -> codec.readRule("name: [a\n")).hasProblems("MALFORMED_DOCUMENT@");
        assertThatReading(() -> codec.readRule(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xd8, 0x41}))
                .hasProblems("MALFORMED_DOCUMENT@");
    }

    @Test
    void parseErrorsDoNotEchoTheDocument() {
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"notifications\":{\"webhook\":{\"secret\": sup3rs3cret}}}"))
                .hasProblems("MALFORMED_DOCUMENT@").messageDoesNotContain("sup3rs3cret");
        assertThatReading(() -> codec.readRule("name: r\nnotifications:\n  webhook:\n    secret: \"sup3rs3cret\n"))
                .hasProblems("MALFORMED_DOCUMENT@").messageDoesNotContain("sup3rs3cret");
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"notifications\":{\"webhook\":{\"secret\": 12345678}}}"))
                .hasProblems("INVALID_FIELD@notifications.webhook.secret", "MISSING_FIELD@conditions").messageDoesNotContain("12345678");
    }

    @Test
    void limits() {
        String deep = "[".repeat(Documents.MAX_NESTING_DEPTH + 1) + "]".repeat(Documents.MAX_NESTING_DEPTH + 1);
        assertThatReading(() -> codec.readRule(deep)).hasProblems("MALFORMED_DOCUMENT@").messageAt("", "nesting depth");
        String deepYaml = "a:\n" + "  ".repeat(1) + "- ".repeat(Documents.MAX_NESTING_DEPTH + 1) + "x\n";
        assertThatReading(() -> codec.readRule(deepYaml)).hasProblems("MALFORMED_DOCUMENT@");
        String huge = "{\"name\":\"" + "x".repeat(RuleCodec.MAX_DOCUMENT_SIZE) + "\"}";
        assertThatReading(() -> codec.readRule(huge)).hasProblems("MALFORMED_DOCUMENT@").messageAt("", "larger than");
        assertThatReading(() -> codec.readRule(huge.getBytes(StandardCharsets.UTF_8))).hasProblems("MALFORMED_DOCUMENT@");
        String longNumber = "{\"name\":\"r\",\"version\":" + "9".repeat(500) + "}";
        assertThatReading(() -> codec.readRule(longNumber)).hasProblems("MALFORMED_DOCUMENT@");
    }

    @Test
    void aDocumentWithThousandsOfProblemsGetsAReadableAnswer() {
        StringBuilder doc = new StringBuilder("{\"name\":\"r\"");
        for (int i = 0; i < 5000; i++) {
            doc.append(",\"junk").append(i).append("\":1");
        }
        doc.append('}');
        AlertingExceptionAssert failure = assertThatReading(() -> codec.readRule(doc.toString()));
        assertThat(failure.exception().errors()).hasSize(Issues.MAX_REPORTED + 1);
        assertThat(failure.exception().errors().get(Issues.MAX_REPORTED).message()).contains("more problems not listed");
    }

    @Test
    void yamlAliasesAndTagsAreNotExpanded() {
        // Jackson reads an alias as its anchor's name, so alias bombs cost nothing
        assertThatReading(() -> codec.readRule("name: r\ngroupBy: &g [a, b]\nconditions: *g\n"))
                .hasProblems("INVALID_FIELD@conditions");
        assertThatReading(() -> codec.readRule("name: !!java.lang.Runtime r\nconditions: []\n"))
                .hasProblems("MISSING_FIELD@conditions");
    }

    /** SnakeYAML 2.3 threw IndexOutOfBoundsException here; the build pins 2.4, which fixed it. */
    @Test
    void anEmojiAtTheYamlReadersBufferBoundaryReadsBack() {
        for (int pad = 1000; pad < 1040; pad++) {
            AlertRule rule = AlertRule.named("r").description("x".repeat(pad) + "😀")
                    .when(Condition.last("m").above(1)).build();
            String yaml = codec.write(rule, Format.YAML);
            assertThat(codec.readRule(yaml)).as("padding %d", pad).isEqualTo(rule);
            assertThat(codec.readRule("description: \"" + "x".repeat(pad) + "😀\"\nname: r\n"
                    + "conditions: [{metric: m, operator: '>', threshold: 1, holdFor: 0s}]\n")).isEqualTo(rule);
        }
    }

    @Test
    void formatDetection() {
        assertThat(Format.detect("  {\"a\":1}")).isEqualTo(Format.JSON);
        assertThat(Format.detect("\uFEFF[1]")).isEqualTo(Format.JSON);
        assertThat(Format.detect("name: x")).isEqualTo(Format.YAML);
        assertThat(Format.detect("")).isEqualTo(Format.YAML);
        assertThat(Format.detect((String) null)).isEqualTo(Format.YAML);
        assertThat(Format.detect("\n{".getBytes(StandardCharsets.UTF_8))).isEqualTo(Format.JSON);
        assertThat(Format.detect("- a".getBytes(StandardCharsets.UTF_8))).isEqualTo(Format.YAML);
        assertThat(Format.detect(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{'})).isEqualTo(Format.JSON);
    }

    @Test
    void errorsHaveStableCodes() {
        AlertingExceptionAssert a = assertThatReading(() -> codec.readRule("{}"));
        assertThat(a.exception().code()).isEqualTo(ErrorCode.MISSING_FIELD);
        a.hasProblems("MISSING_FIELD@name", "MISSING_FIELD@conditions");
    }

    @Test
    void labelMatchers() {
        AlertRule r = codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"labelMatchers\":[{\"label\":\"env\",\"value\":\"prod\"},{\"label\":\"host\",\"op\":\"!~\",\"value\":\"db-.*\"}]}");
        assertThat(r.labelMatchers()).containsExactly(LabelMatcher.equal("env", "prod"),
                LabelMatcher.of("host", LabelMatcher.Type.NOT_REGEX, "db-.*"));
        assertThatReading(() -> codec.readRule("{\"name\":\"r\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}],"
                + "\"labelMatchers\":[{\"label\":\"host\",\"op\":\"=~\",\"value\":\"(\"},{\"label\":\"\",\"value\":\"x\"},"
                + "{\"label\":\"a\",\"op\":\"~\",\"value\":\"x\"},{\"label\":\"a\"}]}"))
                .hasProblems("INVALID_FIELD@labelMatchers[0].value", "MISSING_FIELD@labelMatchers[1].label",
                        "INVALID_FIELD@labelMatchers[2].op", "MISSING_FIELD@labelMatchers[3].value");
    }

    @Test
    void scopeIsOneField() {
        AlertRule vm = codec.readRule("{\"name\":\"r\",\"scope\":\"vm\",\"scopeId\":\"vm_1\",\"conditions\":[{\"metric\":\"m\",\"operator\":\">\",\"threshold\":1}]}");
        assertThat(vm.scope()).isEqualTo(Scope.vm("vm_1"));
        AlertRule moved = codec.readUpdate("{\"scope\":\"group\",\"scopeId\":\"g\"}", vm);
        assertThat(moved.scope()).isEqualTo(Scope.group("g"));
        assertThatReading(() -> codec.readUpdate("{\"scopeName\":\"x\",\"scopeId\":\"vm_2\"}", vm))
                .hasProblems("INVALID_FIELD@scopeId");
        assertThatReading(() -> codec.readUpdate("{\"scope\":\"planet\"}", vm)).hasProblems("INVALID_FIELD@scope");
    }
}
