package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.AlertRule;
import io.vigil.http.TestServer.Who;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000's curl commands and its two shell scripts, run as written by bash, curl and jq against
 * a running server (only {@code http://localhost:8000} is replaced by the server's address). Seed
 * 000's commands send no credentials, so the server runs with authentication explicitly disabled,
 * on loopback, as a developer's server would.
 */
class Seed000ScriptsTest {
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("\\n?@@STATUS (\\d{3})\\n");
    /** Reports every curl's status after its body, without changing what the command sends. */
    private static final String PRELUDE = "curl() { command curl --silent --show-error --write-out '\\n@@STATUS %{http_code}\\n' \"$@\"; }\n";

    private final TestServer t = new TestServer(HttpOptions.Builder::authenticationDisabled);

    @TempDir
    Path dir;

    @BeforeAll
    static void toolsPresent() throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            Process p = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0)
                    .as(tool + " is needed by this test (apt-get install -y curl jq)").isTrue();
        }
    }

    @AfterEach
    void stop() {
        t.close();
    }

    static String resource(String name) {
        try (InputStream in = Seed000ScriptsTest.class.getResourceAsStream("/seed000/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> bashBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(resource("000_alert_system_api_usage.ko.md"));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private String local(String text) {
        return text.replace("http://localhost:8000", "http://127.0.0.1:" + t.server.port());
    }

    /** One curl's answer. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return TestServer.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run bash(List<String> command) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bash finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Runs a block of the document's curl commands; answers each command's status and body, in order. */
    private List<Answer> runBlock(String block) throws Exception {
        Run run = bash(List.of("bash", "-c", PRELUDE + local(block)));
        assertThat(run.exit()).as("block failed: %s\n%s", block, run.err()).isZero();
        List<Answer> answers = new ArrayList<>();
        Matcher m = STATUS.matcher(run.out());
        int from = 0;
        while (m.find()) {
            answers.add(new Answer(Integer.parseInt(m.group(1)), run.out().substring(from, m.start())));
            from = m.end();
        }
        return answers;
    }

    @Test
    void scriptFilesAreTheDocumentsBlocks() {
        List<String> blocks = bashBlocks();
        assertThat(blocks).contains(resource("setup_alerting.sh"), resource("health_check.sh"));
    }

    @Test
    void everyCurlCommandOfTheDocumentWorks() throws Exception {
        // The document sends to 'service_downtime' without creating it; create it as the document's setup would.
        assertThat(t.post("/api/alerts/rules", "{\"name\":\"service_downtime\",\"condition\":\"greater_than\","
                + "\"threshold\":{\"metric\":\"downtime_percent\",\"value\":90,\"duration_minutes\":0},"
                + "\"severity\":\"medium\",\"channels\":[\"discord\"],\"cooldown_minutes\":5}", Who.NOBODY).status()).isEqualTo(201);
        List<String> curlBlocks = new ArrayList<>();
        String deleteBlock = null;
        for (String block : bashBlocks()) {
            if (!block.contains("curl") || block.startsWith("#!/bin/bash")) {
                continue;
            }
            // The document deletes cpu_usage_high before evaluating, sending to and reading the history of
            // that rule; run the deletion last so that every later command finds the rule it names.
            if (block.contains("-X DELETE")) {
                deleteBlock = block;
            } else {
                curlBlocks.add(block);
            }
        }
        assertThat(deleteBlock).isNotNull();
        assertThat(curlBlocks).hasSize(18);

        int created = 0;
        List<String> seen = new ArrayList<>();
        for (String block : curlBlocks) {
            List<Answer> answers = runBlock(block);
            assertThat(answers).as(block).isNotEmpty();
            String first = block.lines().filter(l -> l.contains("curl")).findFirst().orElseThrow();
            seen.add(first.trim());
            if (first.contains("-X POST") && first.contains("/api/alerts/rules")) {
                Answer a = answers.get(0);
                assertThat(a.status()).as(a.body()).isEqualTo(201);
                assertThat(a.json().get("name").asText()).isNotEmpty();
                created++;
            } else if (block.contains("# 모든 규칙 조회")) {
                assertThat(answers).extracting(Answer::status).containsExactly(200, 200, 200, 200);
                assertThat(answers.get(0).json()).hasSize(8);
                assertThat(answers.get(1).json()).hasSize(8);
                assertThat(names(answers.get(2).json())).containsExactly("cpu_usage_high", "error_rate_high", "slow_query_detected");
                assertThat(names(answers.get(3).json())).containsExactly("disk_space_low", "memory_usage_critical");
            } else if (first.contains("-X GET") && first.contains("/rules/cpu_usage_high")) {
                JsonNode rule = answers.get(0).json();
                assertThat(rule.get("condition").asText()).isEqualTo("greater_than");
                assertThat(rule.get("threshold").get("value").asDouble()).isEqualTo(80.0);
                assertThat(rule.get("threshold").get("duration_minutes").asInt()).isEqualTo(5);
                assertThat(rule.get("tags").get("service").asText()).isEqualTo("web-server");
                assertThat(rule.get("escalation_minutes").asInt()).isEqualTo(60);
            } else if (first.contains("-X PUT")) {
                JsonNode rule = answers.get(0).json();
                assertThat(answers.get(0).status()).isEqualTo(200);
                assertThat(rule.get("threshold").get("value").asDouble()).isEqualTo(85.0);
                assertThat(rule.get("threshold").get("duration_minutes").asInt()).isEqualTo(3);
                assertThat(rule.get("threshold").get("metric").asText()).isEqualTo("cpu_usage");
                assertThat(rule.get("severity").asText()).isEqualTo("critical");
                assertThat(rule.get("cooldown_minutes").asInt()).isEqualTo(20);
                assertThat(rule.get("channels")).hasSize(2);
            } else if (first.contains("/evaluate") && block.contains("rule_names")) {
                assertThat(answers.get(0).status()).isEqualTo(200);
                assertThat(answers.get(0).json().get("evaluated").asInt()).isEqualTo(2);
            } else if (first.contains("/evaluate")) {
                assertThat(answers.get(0).status()).isEqualTo(200);
                assertThat(answers.get(0).json().get("evaluated").asInt()).isEqualTo(8);
            } else if (first.contains("/send")) {
                Answer a = answers.get(0);
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                assertThat(a.json().get("sent").asBoolean()).isTrue();
                assertThat(a.json().get("alert_id").asText()).startsWith("alert_");
                t.clock.advance(Duration.ofSeconds(1));
            } else if (first.contains("/history/")) {
                assertThat(answers).extracting(Answer::status).containsExactly(200, 200);
                assertThat(answers.get(0).json().get("total").asInt()).isEqualTo(1);
                assertThat(answers.get(1).json().get("hours").asInt()).isEqualTo(48);
            } else if (first.contains("/statistics")) {
                JsonNode stats = answers.get(0).json();
                assertThat(stats.get("total_rules").asInt()).isEqualTo(8);
                assertThat(stats.get("active_rules").asInt()).isEqualTo(8);
                assertThat(stats.get("total_alerts").asInt()).isEqualTo(1);
                assertThat(stats.get("alerts_by_severity").get("critical").asInt()).isEqualTo(1);
                assertThat(stats.has("alerts_sent_today")).isTrue();
                assertThat(stats.has("alerts_by_channel")).isTrue();
                assertThat(stats.has("alert_rate_per_hour")).isTrue();
            } else if (first.contains("/health")) {
                assertThat(answers.get(0).status()).isEqualTo(200);
                assertThat(answers.get(0).json().get("status").asText()).isEqualTo("healthy");
            } else {
                throw new AssertionError("a curl block this test does not check: " + first);
            }
        }
        assertThat(created).isEqualTo(7);
        assertThat(t.alerting.records().all(io.vigil.alerting.spi.RecordQuery.all())).hasSize(3);

        List<Answer> deleted = runBlock(deleteBlock);
        assertThat(deleted.get(0).status()).isEqualTo(200);
        assertThat(t.alerting.rules().find("cpu_usage_high")).isEmpty();
        assertThat(t.get("/api/alerts/rules/cpu_usage_high", Who.NOBODY).status()).isEqualTo(404);
    }

    static List<String> names(JsonNode rules) {
        List<String> out = new ArrayList<>();
        rules.forEach(r -> out.add(r.get("name").asText()));
        return out;
    }

    @Test
    void setupAndHealthCheckScriptsWork() throws Exception {
        Path setup = dir.resolve("setup_alerting.sh");
        Files.writeString(setup, local(resource("setup_alerting.sh")));
        Run run = bash(List.of("bash", setup.toString()));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("🔧 통합 알림 시스템 초기 설정 시작...\n").contains("✅ 알림 시스템 초기 설정 완료!")
                .contains("\"name\":\"cpu_usage_high\"").contains("\"name\":\"memory_usage_critical\"");
        AlertRule cpu = t.alerting.rules().require("cpu_usage_high");
        assertThat(cpu.conditions().get(0).metric()).isEqualTo("cpu_usage");
        assertThat(cpu.cooldown()).isEqualTo(Duration.ofMinutes(30));
        assertThat(cpu.notifications().channels()).containsExactly("email", "discord");
        assertThat(t.alerting.rules().require("memory_usage_critical").severity().wireName()).isEqualTo("critical");

        assertThat(t.post("/api/alerts/send", "{\"rule_name\":\"cpu_usage_high\",\"metric_data\":{\"metric_value\":91}}",
                Who.NOBODY).json().get("sent").asBoolean()).isTrue();
        t.clock.advance(Duration.ofMinutes(1));

        Path health = dir.resolve("health_check.sh");
        Files.writeString(health, local(resource("health_check.sh")));
        Run check = bash(List.of("bash", health.toString()));
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).isEqualTo("🏥 알림 시스템 헬스체크 시작...\n✅ 알림 시스템 정상 동작 중\n📊 현재 알림 통계:\n1\n1\n1\n");
    }

    @Test
    void healthCheckScriptNoticesAnUnhealthyServer() throws Exception {
        ControllableStore store = new ControllableStore();
        try (TestServer broken = new TestServer(store, HttpOptions.Builder::authenticationDisabled, a -> { })) {
            store.failing = true;
            Path health = dir.resolve("health_check.sh");
            Files.writeString(health, resource("health_check.sh")
                    .replace("http://localhost:8000", "http://127.0.0.1:" + broken.server.port()));
            Run check = bash(List.of("bash", health.toString()));
            assertThat(check.out()).contains("❌ 알림 시스템 상태 이상: unhealthy");
        }
    }
}
