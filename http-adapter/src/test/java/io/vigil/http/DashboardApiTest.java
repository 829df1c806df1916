package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Labels;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's dashboard: KPIs and the event timeline. */
class DashboardApiTest {
    private final TestServer t = TestServer.standard();

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void summaryAndTimeline() {
        t.post("/api/v1/alerts/rules", "{\"name\":\"disk\",\"severity\":\"critical\",\"cooldown\":3600,\"conditions\":[{\"metric\":"
                + "\"disk_free_percent\",\"operator\":\"<\",\"threshold\":10,\"duration\":0}]}");
        t.post("/api/v1/alerts/rules", RulesApiTest.rule("idle", "low", "vm_9"));
        t.put("/api/v1/alerts/rules/batch/status", "{\"ruleIds\":[\"rule_002\"],\"enabled\":false}");
        t.record("disk_free_percent", 5, Labels.of("host", "db-1"));
        t.advance(Duration.ofMinutes(10));
        t.record("disk_free_percent", 4, Labels.of("host", "db-2"));
        t.advance(Duration.ofMinutes(5));
        t.put("/api/v1/alerts/records/alert_001/acknowledge", "{}", Who.OPS);
        t.advance(Duration.ofMinutes(5));
        t.put("/api/v1/alerts/records/alert_001/resolve", "{\"resolution\":\"cleaned\"}", Who.OPS);
        t.advance(Duration.ofMinutes(1));

        JsonNode s = t.get("/api/v1/dashboard/summary", Who.SECURITY).data();
        assertThat(s.get("rules").get("total").asInt()).isEqualTo(2);
        assertThat(s.get("rules").get("enabled").asInt()).isEqualTo(1);
        assertThat(s.get("alerts").get("active").asInt()).isEqualTo(1);
        assertThat(s.get("alerts").get("criticalOpen").asInt()).isEqualTo(1);
        assertThat(s.get("alerts").get("today").asInt()).isEqualTo(2);
        assertThat(s.get("mttrMinutes").asDouble()).isEqualTo(20.0);
        assertThat(s.get("mttaMinutes").asDouble()).isEqualTo(15.0);
        assertThat(s.get("notificationsToday").get("sent").asInt()).isZero();

        JsonNode tl = t.get("/api/v1/dashboard/timeline?limit=3").data();
        assertThat(tl.get("total").asInt()).isEqualTo(4);
        List<String> types = new ArrayList<>();
        tl.get("events").forEach(e -> types.add(e.get("type").asText() + ":" + e.get("alertId").asText()));
        assertThat(types).containsExactly("resolved:alert_001", "acknowledged:alert_001", "triggered:alert_002");
        assertThat(tl.get("events").get(0).get("actor").asText()).isEqualTo("运维工程师");
        JsonNode narrow = t.get("/api/v1/dashboard/timeline?startTime=2026-02-03T12:05:00Z&endTime=2026-02-03T12:16:00Z").data();
        assertThat(narrow.get("total").asInt()).isEqualTo(2);
        assertThat(t.get("/api/v1/dashboard/timeline?limit=0").status()).isEqualTo(400);
    }
}
