package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.runtime.RuleLimits;
import io.vigil.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's rule management over real HTTP. */
class RulesApiTest {
    /** Seed 003's create example, verbatim. */
    static final String SEED_003_CREATE = """
            {
              "name": "内存使用率告警",
              "description": "监控内存使用率",
              "scope": "group",
              "scopeId": "grp_001",
              "conditions": [
                {
                  "metric": "memory",
                  "metricType": "memory.usagePercent",
                  "operator": ">=",
                  "threshold": 85,
                  "duration": 180
                }
              ],
              "conditionLogic": "and",
              "enabled": true,
              "cooldown": 300,
              "severity": "medium",
              "notifications": {
                "methods": ["email", "webhook"],
                "email": {
                  "enabled": true,
                  "recipients": ["ops@company.com"]
                },
                "webhook": {
                  "enabled": true,
                  "url": "https://hooks.slack.com/services/xxx",
                  "method": "POST",
                  "headers": {
                    "Content-Type": "application/json"
                  }
                }
              }
            }""";

    private TestServer t = TestServer.standard();

    @AfterEach
    void stop() {
        t.close();
    }

    static String rule(String name, String severity, String scopeId) {
        return "{\"name\":\"" + name + "\",\"scope\":\"vm\",\"scopeId\":\"" + scopeId + "\",\"severity\":\"" + severity
                + "\",\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">=\",\"threshold\":80,\"duration\":60}]}";
    }

    @Test
    void createsSeed003RuleAnswers201WithTheEnvelopeAndStoresIt() {
        Reply r = t.post("/api/v1/alerts/rules", SEED_003_CREATE, TestServer.Who.OPS);
        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("code").asInt()).isEqualTo(201);
        assertThat(body.get("message").asText()).isEqualTo("Created");
        JsonNode data = body.get("data");
        assertThat(data.get("id").asText()).isEqualTo("rule_001");
        assertThat(data.get("name").asText()).isEqualTo("内存使用率告警");
        assertThat(data.get("enabled").asBoolean()).isTrue();
        assertThat(data.get("createdAt").asText()).isEqualTo(TestServer.START.toString());
        assertThat(data.get("createdBy").asText()).isEqualTo("usr_002");
        assertThat(data.get("triggerCount").asLong()).isZero();
        assertThat(data.get("scopeId").asText()).isEqualTo("grp_001");
        assertThat(data.get("conditions").get(0).get("threshold").asInt()).isEqualTo(85);
        assertThat(t.alerting.rules().require("rule_001").createdBy()).isEqualTo("usr_002");
    }

    @Test
    void listsWithPaginationAndFilters() {
        for (int i = 1; i <= 5; i++) {
            assertThat(t.post("/api/v1/alerts/rules", rule("r" + i, i % 2 == 0 ? "high" : "low", "vm_" + i)).status()).isEqualTo(201);
        }
        t.put("/api/v1/alerts/rules/batch/status", "{\"ruleIds\":[\"rule_005\"],\"enabled\":false}");
        JsonNode page = t.get("/api/v1/alerts/rules?page=2&pageSize=2").data();
        assertThat(names(page.get("list"))).containsExactly("r3", "r4");
        JsonNode pagination = page.get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(2);
        assertThat(pagination.get("pageSize").asInt()).isEqualTo(2);
        assertThat(pagination.get("total").asInt()).isEqualTo(5);
        assertThat(pagination.get("totalPages").asInt()).isEqualTo(3);
        assertThat(names(t.get("/api/v1/alerts/rules?severity=high").data().get("list"))).containsExactly("r2", "r4");
        assertThat(names(t.get("/api/v1/alerts/rules?enabled=false").data().get("list"))).containsExactly("r5");
        assertThat(names(t.get("/api/v1/alerts/rules?scope=vm&scopeId=vm_3").data().get("list"))).containsExactly("r3");
        assertThat(t.get("/api/v1/alerts/rules?scope=planet").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/rules?pageSize=1001").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/rules?page=0").json().get("code").asInt()).isEqualTo(400);
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    @Test
    void getsUpdatesAndDeletes() {
        t.post("/api/v1/alerts/rules", SEED_003_CREATE);
        assertThat(t.get("/api/v1/alerts/rules/rule_001").data().get("severity").asText()).isEqualTo("medium");
        t.clock.advance(java.time.Duration.ofMinutes(5));
        Reply updated = t.put("/api/v1/alerts/rules/rule_001", "{\"severity\":\"critical\",\"cooldown\":600}", TestServer.Who.OPS);
        assertThat(updated.status()).isEqualTo(200);
        JsonNode data = updated.data();
        assertThat(data.get("severity").asText()).isEqualTo("critical");
        assertThat(data.get("cooldown").asText()).isEqualTo("10m");
        assertThat(data.get("name").asText()).isEqualTo("内存使用率告警");
        assertThat(data.get("updatedBy").asText()).isEqualTo("usr_002");
        assertThat(data.get("createdAt").asText()).isEqualTo(TestServer.START.toString());
        assertThat(t.delete("/api/v1/alerts/rules/rule_001").data().get("deleted").asBoolean()).isTrue();
        Reply gone = t.get("/api/v1/alerts/rules/rule_001");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asInt()).isEqualTo(404);
        assertThat(gone.json().get("message").asText()).isEqualTo("Not Found");
        assertThat(t.delete("/api/v1/alerts/rules/rule_001").status()).isEqualTo(404);
    }

    @Test
    void invalidRuleIs422WithEveryFieldError() {
        Reply r = t.post("/api/v1/alerts/rules", "{\"name\":\"\",\"severity\":\"extreme\",\"conditions\":[{\"metric\":\"cpu\","
                + "\"operator\":\"~\",\"threshold\":80},{\"metric\":\"mem\",\"operator\":\">\",\"threshold\":\"high\"}]}");
        assertThat(r.status()).isEqualTo(422);
        JsonNode body = r.json();
        assertThat(body.get("code").asInt()).isEqualTo(422);
        assertThat(body.get("message").asText()).isEqualTo("Invalid Condition");
        List<String> paths = new ArrayList<>();
        body.get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).contains("name", "severity", "conditions[0].operator", "conditions[1].threshold");
        body.get("errors").forEach(e -> assertThat(e.get("code").asText()).isNotEmpty());
        assertThat(t.alerting.rules().all()).isEmpty();
    }

    @Test
    void malformedJsonIs400AndNothingIsStored() {
        Reply r = t.post("/api/v1/alerts/rules", "{\"name\": \"x\",");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("malformed JSON at line 1");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(t.alerting.rules().all()).isEmpty();
    }

    @Test
    void duplicateNameIs409() {
        assertThat(t.post("/api/v1/alerts/rules", rule("dup", "low", "vm_1")).status()).isEqualTo(201);
        Reply r = t.post("/api/v1/alerts/rules", rule("dup", "high", "vm_2"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asInt()).isEqualTo(409);
        assertThat(r.json().get("message").asText()).isEqualTo("Conflict");
    }

    @Test
    void ruleLimitIs400Limit() {
        t.close();
        t = new TestServer(TestServer::standardCredentials, a -> a.ruleLimits(new RuleLimits(2, 3)));
        assertThat(t.post("/api/v1/alerts/rules", rule("a", "low", "vm_1")).status()).isEqualTo(201);
        assertThat(t.post("/api/v1/alerts/rules", rule("b", "low", "vm_1")).status()).isEqualTo(201);
        Reply perVm = t.post("/api/v1/alerts/rules", rule("c", "low", "vm_1"));
        assertThat(perVm.status()).isEqualTo(400);
        assertThat(perVm.json().get("code").asText()).isEqualTo("400-LIMIT");
        assertThat(perVm.json().get("message").asText()).isEqualTo("Rule Limit Exceeded");
        assertThat(t.post("/api/v1/alerts/rules", rule("c", "low", "vm_2")).status()).isEqualTo(201);
        assertThat(t.post("/api/v1/alerts/rules", rule("d", "low", "vm_3")).json().get("code").asText()).isEqualTo("400-LIMIT");
    }

    @Test
    void batchStatusReportsUpdatedAndFailed() {
        t.post("/api/v1/alerts/rules", rule("a", "low", "vm_1"));
        t.post("/api/v1/alerts/rules", rule("b", "low", "vm_2"));
        Reply r = t.put("/api/v1/alerts/rules/batch/status", "{\"ruleIds\":[\"rule_001\",\"rule_002\",\"rule_404\"],\"enabled\":false}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("updated").asInt()).isEqualTo(2);
        assertThat(r.data().get("failed").asInt()).isEqualTo(1);
        assertThat(r.data().get("failures").get(0).get("id").asText()).isEqualTo("rule_404");
        assertThat(t.alerting.rules().require("rule_001").enabled()).isFalse();
        assertThat(t.put("/api/v1/alerts/rules/batch/status", "{\"ruleIds\":[]}").status()).isEqualTo(400);
        assertThat(t.put("/api/v1/alerts/rules/batch/status", "{\"ruleIds\":[\"rule_001\"],\"enabled\":\"no\"}").status()).isEqualTo(400);
    }

    @Test
    void exportsRedactedAndImportsAllOrNothing() {
        t.post("/api/v1/alerts/rules", rule("a", "low", "vm_1"));
        String signed = "{\"name\":\"signed\",\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">\",\"threshold\":1}],"
                + "\"notifications\":{\"methods\":[\"webhook\"],\"webhook\":{\"enabled\":true,\"url\":\"https://example.com/h\","
                + "\"secret\":\"s3cr3t-signing-key\"}}}";
        assertThat(t.post("/api/v1/alerts/rules", signed).status()).isEqualTo(201);
        assertThat(t.get("/api/v1/alerts/rules/signed").body()).doesNotContain("s3cr3t-signing-key").contains("******");
        Reply export = t.post("/api/v1/alerts/rules/export", "{\"ruleIds\":[\"rule_001\"],\"format\":\"json\"}", TestServer.Who.SECURITY);
        assertThat(export.status()).isEqualTo(200);
        String content = export.data().get("content").asText();
        assertThat(content).contains("\"rules\"").contains("\"a\"");
        assertThat(export.data().get("filename").asText()).isEqualTo("alert_rules_20260203.json");
        Reply all = t.post("/api/v1/alerts/rules/export", "", TestServer.Who.SECURITY);
        assertThat(all.data().get("count").asInt()).isEqualTo(2);
        assertThat(all.data().get("content").asText()).doesNotContain("s3cr3t-signing-key");
        String yaml = t.post("/api/v1/alerts/rules/export", "{\"ruleIds\":[\"rule_001\"],\"format\":\"yaml\"}").data()
                .get("content").asText();
        assertThat(yaml).startsWith("rules:");
        try (TestServer other = TestServer.standard()) {
            Reply imported = other.post("/api/v1/alerts/rules/import", "{\"content\":" + TestServer.MAPPER.valueToTree(yaml) + "}");
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(other.alerting.rules().require("a").conditions()).isEqualTo(t.alerting.rules().require("a").conditions());
        }

        // into a second server: the JSON export imports as it is
        String importBody = "{\"content\":" + TestServer.MAPPER.valueToTree(content) + "}";
        try (TestServer other = TestServer.standard()) {
            Reply imported = other.post("/api/v1/alerts/rules/import", importBody);
            assertThat(imported.status()).isEqualTo(200);
            assertThat(imported.data().get("imported").asInt()).isEqualTo(1);
            assertThat(other.alerting.rules().require("a").scope().id()).isEqualTo("vm_1");
            // again: the name exists, nothing changes
            Reply again = other.post("/api/v1/alerts/rules/import", importBody);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("errors").get(0).get("path").asText()).isEqualTo("rules[0].name");
            // a batch with one bad rule stores none
            Reply mixed = other.post("/api/v1/alerts/rules/import", "{\"rules\":[" + rule("ok", "low", "vm_9")
                    + ",{\"name\":\"bad\",\"conditions\":[]}]}");
            assertThat(mixed.status()).isEqualTo(422);
            assertThat(mixed.json().get("errors").get(0).get("path").asText()).startsWith("rules[1]");
            assertThat(other.alerting.rules().find("ok")).isEmpty();
        }
    }

    @Test
    void chatWebhookUrlsAndCredentialHeadersAreRedactedAndKeptOnUpdate() {
        String rule = "{\"name\":\"chat\",\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">\",\"threshold\":1}],"
                + "\"notifications\":{\"methods\":[\"discord\",\"webhook\"],"
                + "\"discord\":{\"enabled\":true,\"url\":\"https://discord.com/api/webhooks/42/discord-token\"},"
                + "\"webhook\":{\"enabled\":true,\"url\":\"https://hooks.example.com/in\","
                + "\"headers\":{\"Authorization\":\"Bearer hook-credential\",\"X-Team\":\"ops\"}}}}";
        Reply created = t.post("/api/v1/alerts/rules", rule);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String body : List.of(created.body(), t.get("/api/v1/alerts/rules/chat").body(),
                t.get("/api/v1/alerts/rules").body(), t.post("/api/v1/alerts/rules/export", "").body(),
                t.post("/api/v1/alerts/rules/export", "{\"format\":\"yaml\"}").body())) {
            assertThat(body).doesNotContain("discord-token").doesNotContain("hook-credential");
        }
        JsonNode shown = t.get("/api/v1/alerts/rules/chat").data();
        assertThat(shown.get("notifications").get("discord").get("url").asText()).isEqualTo("https://discord.com/******");
        assertThat(shown.get("notifications").get("webhook").get("headers").get("X-Team").asText()).isEqualTo("ops");
        // what GET showed, sent back with one change, keeps the stored credentials
        String echoed = shown.toString().replace("\"severity\":\"medium\"", "\"severity\":\"high\"");
        Reply updated = t.put("/api/v1/alerts/rules/chat", echoed);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        var settings = t.alerting.rules().require("chat").notifications().settings();
        assertThat(settings.get("discord").url()).isEqualTo("https://discord.com/api/webhooks/42/discord-token");
        assertThat(settings.get("webhook").headers()).containsEntry("Authorization", "Bearer hook-credential");
        assertThat(t.alerting.rules().require("chat").severity().wireName()).isEqualTo("high");
        // the same placeholders in a new rule have nothing to keep: 422 at their paths, nothing stored
        String copy = shown.toString().replace("\"name\":\"chat\"", "\"name\":\"chat-copy\"")
                .replaceAll("\"id\":\"[^\"]*\",", "");
        Reply refused = t.post("/api/v1/alerts/rules", copy);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("notifications.discord.url", "notifications.webhook.headers.Authorization");
        assertThat(t.alerting.rules().find("chat-copy")).isEmpty();
    }

    @Test
    void acceptsYamlRules() {
        String yaml = "name: yaml-rule\nconditions:\n  - metric: cpu\n    operator: '>'\n    threshold: 90\nseverity: high\n";
        Reply r = t.send(t.request("/api/v1/alerts/rules", TestServer.Who.ADMIN)
                .post(okhttp3.RequestBody.create(yaml, okhttp3.MediaType.get("application/yaml"))).build());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().get("name").asText()).isEqualTo("yaml-rule");
    }
}
