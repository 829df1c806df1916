package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's API beyond what its document's commands show: answers to bad input and cooldowns. */
class Seed000ApiTest {
    private final List<NotificationRequest> handedOff = new CopyOnWriteArrayList<>();
    private final TestServer t = new TestServer(TestServer::standardCredentials, a -> a.notifications(handedOff::add));

    static final String CPU = "{\"name\":\"cpu_usage_high\",\"condition\":\"greater_than\",\"threshold\":{\"metric\":\"cpu_usage\","
            + "\"value\":80.0,\"duration_minutes\":0},\"severity\":\"high\",\"channels\":[\"email\",\"discord\"],"
            + "\"cooldown_minutes\":30,\"enabled\":true}";

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void evaluateShowsWhatTheConditionsSayNow() {
        assertThat(t.post("/api/alerts/rules", CPU).status()).isEqualTo(201);
        t.record("cpu_usage", 90, Labels.of("host", "web-1"));
        Reply r = t.post("/api/alerts/evaluate", "{\"rule_names\":[\"cpu_usage_high\"]}", Who.OPS);
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = r.json().get("results").get(0);
        assertThat(result.get("rule_name").asText()).isEqualTo("cpu_usage_high");
        assertThat(result.get("triggered").asBoolean()).isTrue();
        JsonNode instance = result.get("instances").get(0);
        assertThat(instance.get("labels").get("host").asText()).isEqualTo("web-1");
        assertThat(instance.get("state").asText()).isEqualTo("firing");
        assertThat(instance.get("conditions").get(0).get("value").asInt()).isEqualTo(90);
        assertThat(instance.get("conditions").get(0).get("threshold").asInt()).isEqualTo(80);
        Reply unknown = t.post("/api/alerts/evaluate", "{\"rule_names\":[\"nope\"]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status_code").asInt()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).contains("nope");
        assertThat(t.post("/api/alerts/evaluate", "{\"rule_names\":\"cpu_usage_high\"}").status()).isEqualTo(400);
        assertThat(t.post("/api/alerts/evaluate", "", Who.MANAGER).status()).isEqualTo(403);
    }

    @Test
    void sendFiresOnceWithinTheCooldownUnlessForced() {
        t.post("/api/alerts/rules", CPU);
        String send = "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":85.0,\"additional_info\":\"CPU 85%\","
                + "\"server_info\":{\"hostname\":\"web-server-01\",\"ip\":\"192.168.1.100\"}},\"labels\":{\"host\":\"web-server-01\"}}";
        Reply first = t.post("/api/alerts/send", send);
        assertThat(first.json().get("sent").asBoolean()).isTrue();
        JsonNode alert = first.json().get("alert");
        assertThat(alert.get("metric_value").asDouble()).isEqualTo(85.0);
        assertThat(alert.get("labels").get("host").asText()).isEqualTo("web-server-01");
        assertThat(handedOff).hasSize(1);
        assertThat(handedOff.get(0).channels()).containsExactly("email", "discord");
        assertThat(handedOff.get(0).message().extra()).containsEntry("additional_info", "CPU 85%")
                .containsEntry("server_info.hostname", "web-server-01").containsEntry("server_info.ip", "192.168.1.100")
                .doesNotContainKey("metric_value");
        t.clock.advance(Duration.ofMinutes(5));
        Reply second = t.post("/api/alerts/send", send);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("sent").asBoolean()).isFalse();
        assertThat(second.json().get("reason").asText()).contains("cooldown");
        Reply force = t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":86},"
                + "\"labels\":{\"host\":\"web-server-01\"},\"force\":true}");
        assertThat(force.json().get("sent").asBoolean()).isTrue();
        assertThat(t.post("/api/alerts/send", "{\"rule_name\":\"nope\",\"metric_data\":{\"metric_value\":1}}").status()).isEqualTo(404);
        assertThat(t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{}}").status()).isEqualTo(400);
        assertThat(t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":\"high\"}}")
                .status()).isEqualTo(400);
        assertThat(t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":1},"
                + "\"labels\":{\"bad name\":\"x\"}}").status()).isEqualTo(400);
    }

    @Test
    void historyCoversTheAskedHours() {
        t.post("/api/alerts/rules", CPU.replace("\"cooldown_minutes\":30", "\"cooldown_minutes\":0"));
        t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":90}}");
        t.clock.advance(Duration.ofHours(30));
        t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":95},\"force\":true}");
        assertThat(t.get("/api/alerts/history/cpu_usage_high").json().get("total").asInt()).isEqualTo(1);
        JsonNode two = t.get("/api/alerts/history/cpu_usage_high?hours=48").json();
        assertThat(two.get("total").asInt()).isEqualTo(2);
        assertThat(two.get("alerts").get(0).get("metric_value").asInt()).isEqualTo(95);
        assertThat(t.get("/api/alerts/history/cpu_usage_high?hours=0").status()).isEqualTo(400);
        assertThat(t.get("/api/alerts/history/cpu_usage_high?hours=abc").status()).isEqualTo(400);
        assertThat(t.get("/api/alerts/history/cpu_usage_high?hours=100000").status()).isEqualTo(400);
        assertThat(t.get("/api/alerts/history/nope").status()).isEqualTo(404);
    }

    @Test
    void invalidSeed000RuleIs422WithItsOwnFieldNames() {
        Reply r = t.post("/api/alerts/rules", "{\"name\":\"x\",\"condition\":\"sideways\",\"threshold\":{\"metric\":\"cpu_usage\","
                + "\"value\":\"high\"},\"cooldown_minutes\":-5}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("status_code").asInt()).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("422");
        assertThat(r.json().get("errors").toString()).contains("\"path\":\"condition\"").contains("\"path\":\"threshold.value\"")
                .contains("\"path\":\"cooldown_minutes\"");
        t.post("/api/alerts/rules", CPU);
        assertThat(t.post("/api/alerts/rules", CPU).status()).isEqualTo(409);
        Reply badUpdate = t.put("/api/alerts/rules/cpu_usage_high", "{\"threshold\":{\"valeu\":3}}");
        assertThat(badUpdate.status()).isEqualTo(422);
        assertThat(t.alerting.rules().require("cpu_usage_high").conditions().get(0).threshold().display()).isEqualTo("80");
        assertThat(t.put("/api/alerts/rules/nope", "{\"severity\":\"low\"}").status()).isEqualTo(404);
    }

    @Test
    void rulesListFiltersAndShowsSeed000Shape() {
        t.post("/api/alerts/rules", CPU);
        t.post("/api/alerts/rules", CPU.replace("cpu_usage_high", "off").replace("\"enabled\":true", "\"enabled\":false")
                .replace("\"high\"", "\"low\""));
        JsonNode all = t.get("/api/alerts/rules", Who.SECURITY).json();
        assertThat(all).hasSize(2);
        assertThat(t.get("/api/alerts/rules?enabled=false").json()).hasSize(1);
        assertThat(t.get("/api/alerts/rules?severity=high").json().get(0).get("name").asText()).isEqualTo("cpu_usage_high");
        assertThat(t.get("/api/alerts/rules?severity=whatever").status()).isEqualTo(400);
        JsonNode rule = t.get("/api/alerts/rules/cpu_usage_high").json();
        assertThat(rule.get("cooldown_minutes").asInt()).isEqualTo(30);
        assertThat(rule.get("escalation_minutes").isNull()).isTrue();
        assertThat(rule.get("created_at").asText()).isEqualTo(TestServer.START.toString());
        // a seed 003 rule with two conditions shows both
        t.post("/api/v1/alerts/rules", "{\"name\":\"both\",\"conditionLogic\":\"or\",\"conditions\":[{\"metric\":\"cpu\","
                + "\"operator\":\">\",\"threshold\":1},{\"metric\":\"memory\",\"operator\":\"<\",\"threshold\":2}]}");
        JsonNode both = t.get("/api/alerts/rules/both").json();
        assertThat(both.get("conditions")).hasSize(2);
        assertThat(both.get("condition_logic").asText()).isEqualTo("or");
        assertThat(both.get("conditions").get(1).get("condition").asText()).isEqualTo("less_than");
    }
}
