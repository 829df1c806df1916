package io.vigil.examples.server;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.runtime.Actor;
import io.vigil.alerting.spi.NotificationQuery;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import io.vigil.examples.server.config.ConfigException;
import io.vigil.examples.server.config.ConfigLoader;
import io.vigil.examples.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server started in-process on a temporary data directory. */
class VigilServerTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private VigilServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("VIGIL_DATA_DIR", dir.resolve("data").toString());
        env.put("VIGIL_HTTP_PORT", "0");
        env.put("VIGIL_STORE_TYPE", "memory");
        // The build machine's hardware is not this test's subject.
        env.put("VIGIL_COLLECTORS_GPU_ENABLED", "false");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private VigilServer start(Map<String, String> env, Map<String, String> overrides) {
        ServerConfig config = ConfigLoader.load(null, env, overrides);
        console.reset();
        return VigilServer.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstStartGeneratesPrintsAndKeepsTheAdminKeyAndLaterStartsDoNotPrintIt() throws Exception {
        server = start(env(), Map.of());
        String first = console();
        Path keyFile = dir.resolve("data").resolve("admin-api-key");
        String key = Files.readString(keyFile).trim();

        assertThat(server.generatedAdminKey()).isTrue();
        assertThat(key).startsWith("vgl_").hasSize(4 + 43);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(first).contains("Vigil ").contains(" is running.")
                .contains("First start: an admin API key was generated")
                .contains("  " + key + "\n")
                .contains("curl -sS -X POST http://127.0.0.1:")
                .contains("-H 'Authorization: Bearer " + key + "'")
                .contains("\"name\": \"cpu_usage_high\"");
        server.close();
        assertThat(console()).contains("Vigil stopped: checkpoint saved, notification outbox flushed.");

        server = start(env(), Map.of());
        String second = console();
        assertThat(server.generatedAdminKey()).isFalse();
        assertThat(second).doesNotContain(key).contains("the admin API key in " + keyFile + " (shown at the first start only)");
        assertThat(Files.readString(keyFile).trim()).isEqualTo(key);
    }

    @Test
    void aConfiguredKeyIsUsedAndNothingIsGenerated() {
        server = start(env("VIGIL_AUTH_ADMIN_API_KEY", "my-own-admin-key-0123456789"), Map.of());

        assertThat(server.generatedAdminKey()).isFalse();
        assertThat(dir.resolve("data").resolve("admin-api-key")).doesNotExist();
        assertThat(console()).contains("the configured auth.adminApiKey").doesNotContain("my-own-admin-key");
    }

    @Test
    void theRulesFileIsLoadedAtStart() {
        server = start(env(), Map.of("rules.file", Seed000ScenariosTest.SCENARIOS.toString()));

        assertThat(server.loadedRules()).hasSize(7);
        assertThat(server.alerting().rules().all()).extracting(AlertRule::name).contains("cpu_usage_high", "slow_query_detected");
        assertThat(console()).contains("Rules:       7 stored, 7 of them loaded from " + Seed000ScenariosTest.SCENARIOS);
    }

    @Test
    void theHostCollectorRunsAndOptionalOnesAreListedWithTheirState() {
        server = start(env("VIGIL_COLLECTORS_GPU_ENABLED", "true", "VIGIL_COLLECTORS_GPU_LIBRARY", "/nonexistent/libnvidia-ml.so.1"),
                Map.of());

        assertThat(server.alerting().collectors()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("system");
            assertThat(s.available()).isTrue();
        }).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("gpu");
            assertThat(s.available()).isFalse();
        }).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("probe");
            assertThat(s.unavailableReason()).isEqualTo("no probe.targets configured");
        }).noneSatisfy(s -> assertThat(s.name()).isIn("ipmi", "dropwizard"));
        assertThat(console()).contains("system every 10s").contains("gpu unavailable: NVML library");
    }

    @Test
    void collectorPluginsGetTheirPropertiesAndNotifierPluginsTheirSettings() {
        server = start(env("VIGIL_COLLECTORS_PLUGINS", "{probe.targets: 'http://127.0.0.1:9/health'}",
                "VIGIL_NOTIFIERS_SETTINGS", "{NTFY_URL: 'http://127.0.0.1:9/alerts'}"), Map.of());

        assertThat(server.alerting().collectors()).filteredOn(s -> s.name().equals("probe")).singleElement()
                .satisfies(s -> assertThat(s.available()).isTrue());
        assertThat(server.notifications().channels()).contains("ntfy");
    }

    @Test
    void notifierChannelsComeFromSeed000Variables() {
        server = start(env("SMTP_SERVER", "127.0.0.1", "SMTP_PORT", "2525", "SMTP_USERNAME", "alerts@example.com",
                "SMTP_PASSWORD", "pw", "DISCORD_WEBHOOK_URL", "http://127.0.0.1:9/api/webhooks/1/x"), Map.of());

        assertThat(server.notifications().channels()).contains("email", "discord", "slack", "webhook", "inApp");
        assertThat(console()).contains("Notifiers:   discord, email, inApp").doesNotContain("set SMTP_SERVER");
    }

    @Test
    void aMalformedNotifierSettingStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> start(env("VIGIL_NOTIFIERS_SETTINGS", "{HTTP_READ_TIMEOUT: soon}"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.key()).isEqualTo("notifiers.settings");
                            assertThat(p.message()).contains("HTTP_READ_TIMEOUT");
                        }));
    }

    @Test
    void aMisconfiguredIpmiCollectorStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> start(env("VIGIL_COLLECTORS_IPMI_ENABLED", "true",
                "VIGIL_COLLECTORS_IPMI_TARGETS", "node1",
                "VIGIL_COLLECTORS_IPMI_PROPERTIES", "{target.node1.host: 10.0.0.21, target.node1.prot: 623}"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.key()).isEqualTo("collectors.ipmi");
                            assertThat(p.message()).contains("target.node1.prot");
                        }));
    }

    @Test
    void anInvalidRulesFileStopsTheStartAndLeavesNothingRunning(@TempDir Path rules) throws Exception {
        Path file = rules.resolve("rules.yaml");
        Files.writeString(file, "- name: x\n  condition: greater_than\n  threshold: {metric: cpu_usage, value: high}\n");

        assertThatThrownBy(() -> start(env(), Map.of("rules.file", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.file: [0].threshold.value");
        assertThat(dir.resolve("data").resolve("admin-api-key")).as("a key nobody was shown is not kept").doesNotExist();
        // the stores, dispatcher and runtime opened before the failure are closed again: a new start works
        server = start(env(), Map.of());
        assertThat(server.alerting().rules().all()).isEmpty();
    }

    @Test
    void theSqliteStoreUnderTheDataDirectoryKeepsRulesAcrossRestarts() {
        Map<String, String> sqlite = env("VIGIL_STORE_TYPE", "sqlite");
        server = start(sqlite, Map.of("rules.file", Seed000ScenariosTest.SCENARIOS.toString()));
        assertThat(console()).contains("Store:       SQLite " + dir.resolve("data").resolve("vigil.db"));
        server.close();

        server = start(sqlite, Map.of());

        assertThat(server.alerting().rules().all()).hasSize(7);
        assertThat(console()).contains("Rules:       7 stored (no rules file)");
    }

    @Test
    void anUnusableDataDirectoryStopsTheStartNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> start(env("VIGIL_DATA_DIR", file.toString()), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.key()).isEqualTo("data.dir")));
        assertThatThrownBy(() -> start(env("VIGIL_STORE_TYPE", "sqlite", "VIGIL_STORE_PATH", file.resolve("vigil.db").toString()),
                Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.key()).isEqualTo("store.path")));
    }

    @Test
    void closingLetsANotificationUnderWayFinish() throws Exception {
        MockWebServer discord = new MockWebServer();
        discord.enqueue(new MockResponse().setResponseCode(204).setHeadersDelay(700, TimeUnit.MILLISECONDS));
        discord.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            server = start(env("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1/t").toString()), Map.of());
            server.alerting().rules().create(AlertRule.named("disk_full").when(Condition.last("disk_usage").above(95))
                    .notifications(NotificationPolicy.to("discord")).build(), Actor.of("test"));
            var store = server.alerting().store();
            server.alerting().sendNow("disk_full", 99, Labels.of("host", "db-1"), Map.of(), true);
            assertThat(discord.takeRequest(10, TimeUnit.SECONDS)).as("the send has started").isNotNull();

            server.close();                        // while Discord has not answered yet

            assertThat(store.findNotifications(NotificationQuery.all()).items()).singleElement()
                    .satisfies(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SENT));
        } finally {
            discord.shutdown();
        }
    }

    @Test
    void closingSavesTheCheckpointAndIsIdempotent() {
        server = start(env(), Map.of());
        var store = server.alerting().store();

        server.close();
        server.close();

        assertThat(store.loadEngineState()).isPresent();
        assertThat(console()).containsOnlyOnce("Vigil stopped");
    }
}
