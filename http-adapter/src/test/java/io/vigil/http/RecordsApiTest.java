package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Labels;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's alert records, statistics, trends and CSV reports, with alerts raised by real evaluation. */
class RecordsApiTest {
    private final TestServer t = TestServer.standard();

    @AfterEach
    void stop() {
        t.close();
    }

    @BeforeEach
    void rules() {
        assertThat(t.post("/api/v1/alerts/rules", "{\"name\":\"CPU高使用率告警\",\"severity\":\"high\",\"cooldown\":0,"
                + "\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">=\",\"threshold\":80,\"duration\":0}]}").status()).isEqualTo(201);
        assertThat(t.post("/api/v1/alerts/rules", "{\"name\":\"=HYPERLINK(\\\"x\\\")\",\"severity\":\"critical\",\"cooldown\":0,"
                + "\"conditions\":[{\"metric\":\"memory\",\"operator\":\">\",\"threshold\":90,\"duration\":0}]}").status()).isEqualTo(201);
    }

    /** Three alerts: cpu on vm_001 and vm_002 (high), memory on vm_001 (critical), a minute apart. */
    private void raiseThree() {
        t.record("cpu_usage", 85.5, Labels.of("vm", "vm_001", "vm_name", "web-server-01"));
        t.advance(Duration.ofMinutes(1));
        t.record("cpu_usage", 91, Labels.of("vm", "vm_002"));
        t.advance(Duration.ofMinutes(1));
        t.record("memory_usage", 95, Labels.of("vm", "vm_001"));
        assertThat(t.alerting.records().all(io.vigil.alerting.spi.RecordQuery.all())).hasSize(3);
    }

    @Test
    void listsRecordsNewestFirstWithFiltersAndPagination() {
        raiseThree();
        Reply r = t.get("/api/v1/alerts/records?page=1&pageSize=2", Who.SECURITY);
        assertThat(r.status()).isEqualTo(200);
        JsonNode list = r.data().get("list");
        assertThat(ids(list)).containsExactly("alert_003", "alert_002");
        assertThat(r.data().get("pagination").get("total").asInt()).isEqualTo(3);
        assertThat(r.data().get("pagination").get("totalPages").asInt()).isEqualTo(2);
        JsonNode first = t.get("/api/v1/alerts/records/alert_001").data();
        assertThat(first.get("ruleName").asText()).isEqualTo("CPU高使用率告警");
        assertThat(first.get("vmId").asText()).isEqualTo("vm_001");
        assertThat(first.get("vmName").asText()).isEqualTo("web-server-01");
        assertThat(first.get("triggerValue").asDouble()).isEqualTo(85.5);
        assertThat(first.get("threshold").asInt()).isEqualTo(80);
        assertThat(first.get("status").asText()).isEqualTo("active");
        assertThat(first.get("severity").asText()).isEqualTo("high");
        assertThat(first.get("triggeredAt").asText()).isEqualTo(TestServer.START.toString());
        assertThat(ids(t.get("/api/v1/alerts/records?vmId=vm_001").data().get("list"))).containsExactly("alert_003", "alert_001");
        assertThat(ids(t.get("/api/v1/alerts/records?severity=critical").data().get("list"))).containsExactly("alert_003");
        assertThat(ids(t.get("/api/v1/alerts/records?severity=high,critical&status=active").data().get("list"))).hasSize(3);
        assertThat(ids(t.get("/api/v1/alerts/records?startTime=2026-02-03T12:01:00Z&endTime=2026-02-03T12:02:00Z")
                .data().get("list"))).containsExactly("alert_002");
        assertThat(t.get("/api/v1/alerts/records?status=sleeping").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/records?startTime=yesterday").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/records?startTime=2026-02-04T00:00:00Z&endTime=2026-02-03T00:00:00Z").status()).isEqualTo(400);
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void unknownRecordIs404Alert() {
        Reply r = t.get("/api/v1/alerts/records/alert_999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("404-ALERT");
        assertThat(r.json().get("message").asText()).isEqualTo("Alert Not Found");
        assertThat(t.put("/api/v1/alerts/records/alert_999/acknowledge", "{}").json().get("code").asText()).isEqualTo("404-ALERT");
    }

    @Test
    void acknowledgeResolveAndIgnoreRecordWhoAndWhen() {
        raiseThree();
        t.clock.advance(Duration.ofMinutes(30));
        Reply ack = t.put("/api/v1/alerts/records/alert_001/acknowledge", "{\"note\":\"已检查，为正常业务高峰\"}", Who.OPS);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().get("code").asInt()).isEqualTo(200);
        JsonNode a = ack.data();
        assertThat(a.get("status").asText()).isEqualTo("acknowledged");
        assertThat(a.get("acknowledgedBy").asText()).isEqualTo("usr_002");
        assertThat(a.get("acknowledgedByName").asText()).isEqualTo("运维工程师");
        assertThat(a.get("acknowledgedAt").asText()).isEqualTo("2026-02-03T12:32:00Z");
        assertThat(a.get("acknowledgeNote").asText()).isEqualTo("已检查，为正常业务高峰");
        t.clock.advance(Duration.ofMinutes(60));
        JsonNode resolved = t.put("/api/v1/alerts/records/alert_001/resolve", "{\"resolution\":\"重启应用服务后恢复正常\"}", Who.OPS).data();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("resolvedByName").asText()).isEqualTo("运维工程师");
        assertThat(resolved.get("resolution").asText()).isEqualTo("重启应用服务后恢复正常");
        assertThat(resolved.get("duration").asLong()).isEqualTo(Duration.ofMinutes(92).toSeconds());
        // a resolved alert cannot be acknowledged again
        Reply again = t.put("/api/v1/alerts/records/alert_001/acknowledge", "{}", Who.OPS);
        assertThat(again.status()).isEqualTo(409);
        assertThat(t.put("/api/v1/alerts/records/alert_002/ignore", "{\"note\":\"noise\"}").data().get("status").asText())
                .isEqualTo("ignored");
        assertThat(t.alerting.records().require("alert_002").status()).isEqualTo(AlertStatus.IGNORED);
        assertThat(t.put("/api/v1/alerts/records/alert_003/acknowledge", "{\"note\":5}").status()).isEqualTo(400);
        assertThat(t.put("/api/v1/alerts/records/alert_003/acknowledge", "{\"nope\":\"x\"}").status()).isEqualTo(400);
        assertThat(t.alerting.records().require("alert_003").status()).isEqualTo(AlertStatus.ACTIVE);
    }

    @Test
    void batchAcknowledgeCountsSuccessesAndFailures() {
        raiseThree();
        Reply r = t.put("/api/v1/alerts/records/batch/acknowledge",
                "{\"alertIds\":[\"alert_001\",\"alert_002\",\"alert_404\"],\"note\":\"批量确认\"}", Who.OPS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("acknowledged").asInt()).isEqualTo(2);
        assertThat(r.data().get("failed").asInt()).isEqualTo(1);
        assertThat(r.data().get("failures").get(0).get("code").asText()).isEqualTo("ALERT_NOT_FOUND");
        assertThat(t.alerting.records().require("alert_002").acknowledgeNote()).isEqualTo("批量确认");
        assertThat(t.put("/api/v1/alerts/records/batch/acknowledge", "{\"alertIds\":\"alert_001\"}").status()).isEqualTo(400);
    }

    @Test
    void statisticsInSeed003Shape() {
        raiseThree();
        t.clock.advance(Duration.ofMinutes(10));
        t.record("cpu_usage", 10, Labels.of("vm", "vm_001", "vm_name", "web-server-01")); // recovers: resolved after 12 min
        Reply r = t.get("/api/v1/alerts/statistics?startTime=2026-02-01T00:00:00Z&endTime=2026-02-03T23:59:59Z", Who.SECURITY);
        assertThat(r.status()).isEqualTo(200);
        JsonNode d = r.data();
        assertThat(d.get("overview").get("totalRules").asInt()).isEqualTo(2);
        assertThat(d.get("overview").get("totalAlerts").asInt()).isEqualTo(3);
        assertThat(d.get("overview").get("activeAlerts").asInt()).isEqualTo(2);
        assertThat(d.get("overview").get("resolvedAlerts").asInt()).isEqualTo(1);
        assertThat(d.get("bySeverity").get("critical").get("total").asInt()).isEqualTo(1);
        assertThat(d.get("bySeverity").get("high").get("active").asInt()).isEqualTo(1);
        assertThat(d.get("bySeverity").get("low").get("total").asInt()).isZero();
        assertThat(d.get("byVM").get(0).get("vmId").asText()).isEqualTo("vm_001");
        assertThat(d.get("byVM").get(0).get("count").asInt()).isEqualTo(2);
        assertThat(d.get("mttr").get("avg").asDouble()).isEqualTo(12.0);
        assertThat(d.get("mttr").get("bySeverity").get("high").asDouble()).isEqualTo(12.0);
        assertThat(d.get("timeRange").get("start").asText()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(d.get("timeRange").get("end").asText()).isEqualTo("2026-02-03T23:59:59Z");
    }

    @Test
    void trendsByHourIncludeEmptyBuckets() {
        raiseThree();
        t.clock.advance(Duration.ofHours(2));
        t.record("cpu_usage", 99, Labels.of("vm", "vm_003"));
        Reply r = t.get("/api/v1/alerts/trends?startTime=2026-02-03T11:00:00Z&endTime=2026-02-03T15:00:00Z");
        assertThat(r.status()).isEqualTo(200);
        JsonNode d = r.data();
        assertThat(d.get("bucket").asText()).isEqualTo("hour");
        List<Integer> totals = new ArrayList<>();
        d.get("points").forEach(p -> totals.add(p.get("total").asInt()));
        assertThat(totals).containsExactly(0, 3, 0, 1);
        assertThat(d.get("points").get(1).get("bySeverity").get("critical").asInt()).isEqualTo(1);
        assertThat(t.get("/api/v1/alerts/trends?bucket=week").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/trends?startTime=2020-01-01T00:00:00Z&bucket=hour").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/alerts/trends").data().get("bucket").asText()).isEqualTo("day");
    }

    @Test
    void csvReportsForTheItManagerOnly() {
        raiseThree();
        Reply csv = t.send(t.request("/api/v1/alerts/records", Who.MANAGER).header("Accept", "text/csv").get().build());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"alert_records_20260203.csv\"");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("id,ruleId,ruleName,severity,status,metric,triggerValue");
        // a rule name that is a spreadsheet formula is defused
        assertThat(csv.body()).contains("'=HYPERLINK(\"\"x\"\")").doesNotContain(",=HYPERLINK");
        assertThat(lines[3]).startsWith("alert_001,rule_001,CPU高使用率告警,high,active,cpu_usage,85.5,80,");
        // the same with format=csv, filtered
        Reply filtered = t.get("/api/v1/alerts/records?format=csv&severity=critical", Who.MANAGER);
        assertThat(filtered.body().split("\r\n")).hasSize(2);
        // the ops engineer may read but not export; the security engineer neither
        assertThat(t.get("/api/v1/alerts/records?format=csv", Who.OPS).status()).isEqualTo(403);
        assertThat(t.get("/api/v1/alerts/records?format=csv", Who.SECURITY).json().get("code").asInt()).isEqualTo(403);
        assertThat(t.get("/api/v1/alerts/records?format=pdf", Who.MANAGER).status()).isEqualTo(400);
        t.clock.advance(Duration.ofSeconds(1)); // statistics cover [start, now)
        Reply stats = t.get("/api/v1/alerts/statistics?format=csv", Who.MANAGER);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body()).startsWith("section,key,name,total,active\r\n").contains("overview,totalAlerts,,3,\r\n")
                .contains("bySeverity,critical,,1,1\r\n");
        assertThat(t.get("/api/v1/alerts/statistics?format=csv", Who.OPS).status()).isEqualTo(403);
    }

    @Test
    void csvReportRefusesMoreRowsThanTheLimit() {
        t.close();
        try (TestServer small = new TestServer(b -> TestServer.standardCredentials(b.maxCsvRows(2)))) {
            small.post("/api/v1/alerts/rules", "{\"name\":\"c\",\"cooldown\":0,\"conditions\":[{\"metric\":\"cpu\",\"operator\":\">\","
                    + "\"threshold\":1,\"duration\":0}]}");
            for (int i = 0; i < 3; i++) {
                small.record("cpu_usage", 5, Labels.of("vm", "vm_" + i));
            }
            Reply r = small.get("/api/v1/alerts/records?format=csv", Who.MANAGER);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).contains("3 records");
        }
    }
}
